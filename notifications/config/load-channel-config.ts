import Ajv2020 from 'ajv/dist/2020';
import { loadYamlText, sortByPosition } from '../../engine/loader/load-yaml-text';
import { readTextFile } from '../../engine/loader/read-text-file';
import type { Problem } from '../../engine/model/problem';
import channelsSchema from '../../engine/schema/channels.schema.json';
import { buildChannelConfig, type RawChannelConfig } from './build-channel-config';
import type { ChannelConfig } from './channel-config';
import { ChannelConfigError } from './channel-config-error';
import { explainConfigErrors } from './explain-config-errors';

/** A channels file lists a handful of channels; anything bigger is the wrong file. */
const MAX_BYTES = 256 * 1024;

let validate: ReturnType<Ajv2020['compile']> | undefined;

function channelsValidator() {
  validate ??= new Ajv2020({ allErrors: true, verbose: true, strict: true }).compile(channelsSchema);
  return validate;
}

/**
 * Reads `channels.yaml`: YAML with positions, the `engine/schema/channels.schema.json` check,
 * then secrets from `env` and the allow-list check of every URL. Throws a
 * {@link ChannelConfigError} listing every problem as `file:line:column: …`.
 *
 * @example
 * const config = loadChannelConfig('sop-definitions/notifications/channels.yaml', process.env);
 * [...config.channels.keys()]; // ['log']
 */
export function loadChannelConfig(path: string, env: NodeJS.ProcessEnv = process.env): ChannelConfig {
  const read = readTextFile(path, MAX_BYTES);
  if ('problem' in read) throw new ChannelConfigError([read.problem]);
  return loadChannelConfigText(read.text, path, env);
}

/**
 * {@link loadChannelConfig} for text in memory (`file` names it in problems).
 *
 * @example
 * loadChannelConfigText('channels:\n  log: { type: log }\n', 'channels.yaml', {}).channels.size; // 1
 */
export function loadChannelConfigText(
  text: string,
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): ChannelConfig {
  const loaded = loadYamlText(text, file, { maxBytes: MAX_BYTES });
  const problems: Problem[] = [...loaded.problems.filter((p) => p.severity === 'error')];
  if (problems.length > 0 || loaded.document === undefined) {
    throw new ChannelConfigError(problems.length > 0 ? problems : [emptyFile(file)]);
  }
  const check = channelsValidator();
  if (!check(loaded.document))
    throw new ChannelConfigError(sortByPosition(explainConfigErrors(check.errors ?? [], loaded)));
  const config = buildChannelConfig(loaded.document as RawChannelConfig, loaded, env, problems);
  if (problems.length > 0) throw new ChannelConfigError(sortByPosition(problems));
  return config;
}

function emptyFile(file: string): Problem {
  return {
    code: 'CHANNELS_SCHEMA',
    severity: 'error',
    file,
    line: 1,
    column: 1,
    path: '',
    message: 'the file is empty',
    hint: "start with 'channels:' and at least '  log: { type: log }'",
  };
}
