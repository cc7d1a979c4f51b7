#!/usr/bin/env node
'use strict';
// Runs the compiled CLI; `npm install` builds it (the `prepare` script).
require('../dist/cli/main.js');
