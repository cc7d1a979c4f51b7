import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseTrail, TRAIL_FORMATS, TrailFormatError, type TrailFormat } from '../../audit/export';
import { verifyTrail, type TrailAnchor, type TrailVerification } from '../../audit/hash-chain';
import { assertFiles } from '../input-files';
import { UsageError } from '../usage-error';

interface VerifyOptions {
  readonly format?: TrailFormat;
  readonly lastHash?: string;
  readonly entries?: number;
}

function parseEntryCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number of entries, e.g. 42');
  return Number(value);
}

function readTrailFile(file: string, format: TrailFormat | undefined) {
  assertFiles([file], 'audit trail file');
  try {
    return parseTrail(readFileSync(file, 'utf8'), format);
  } catch (error) {
    if (error instanceof TrailFormatError) {
      throw new UsageError(
        `cannot read the audit trail ${file}: ${error.message}`,
        'export it again with GET /projects/:id/audit?format=jsonl (or json, csv) and verify the file as downloaded',
      );
    }
    throw error;
  }
}

function anchorOf(options: VerifyOptions): TrailAnchor | undefined {
  if (options.lastHash === undefined) {
    if (options.entries !== undefined)
      throw new UsageError(
        '--entries needs --last-hash',
        'pass both from the archive: --last-hash <hash> --entries <count>',
      );
    return undefined;
  }
  return {
    lastHash: options.lastHash,
    ...(options.entries !== undefined ? { entries: options.entries } : {}),
  };
}

/**
 * The line `sop audit verify` prints for a verification.
 *
 * @example
 * verdictLine({ ok: true, entries: 42, lastHash: '3fa8…' }); // => 'OK: 42 entries, chain intact, last hash 3fa8…'
 */
export function verdictLine(result: TrailVerification): string {
  if (!result.ok) return `TAMPERED: ${result.detail}`;
  const entries = `${result.entries} ${result.entries === 1 ? 'entry' : 'entries'}`;
  return `OK: ${entries}, chain intact, last hash ${result.lastHash}`;
}

/**
 * `sop audit verify <file>`: reads an exported audit trail (JSON, JSONL or CSV, detected from
 * the text), checks its hash chain and prints `OK: …` (status 0) or `TAMPERED: …` naming the
 * first bad entry (status 1); an unreadable file is a usage error (status 2). With
 * `--last-hash` (and `--entries`) from the archive it also catches entries cut off the end.
 *
 * @example
 * registerAuditCommand(program); // sop audit verify trail.jsonl --last-hash 3fa8… --entries 42
 */
export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description("check a project's exported audit trail");
  audit
    .command('verify')
    .description('verify the hash chain of an exported audit trail (JSON, JSONL or CSV)')
    .argument('<file>', 'the trail, as GET /projects/:id/audit?format=json|jsonl|csv returns it')
    .addOption(
      new Option('--format <format>', 'the file format (default: detected from the text)').choices(
        TRAIL_FORMATS,
      ),
    )
    .option(
      '--last-hash <hash>',
      "the archived trail's last hash: also catches entries cut off or appended at the end",
    )
    .option('--entries <count>', "the archived trail's number of entries (with --last-hash)", parseEntryCount)
    .action((file: string, options: VerifyOptions) => {
      const anchor = anchorOf(options);
      const result = verifyTrail(readTrailFile(file, options.format), anchor);
      process.stdout.write(`${verdictLine(result)}\n`);
      process.exitCode = result.ok ? 0 : 1;
    });
}
