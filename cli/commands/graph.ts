import type { Command } from 'commander';
import { toMermaid } from '../../engine/diagram';
import { checkSopForCommand, writeOutput } from '../check-sop';
import { addContextOptions, type ContextOptions } from '../sop-context';

interface GraphCommandOptions extends ContextOptions {
  readonly out?: string;
}

/**
 * `sop graph <file>`: validates the SOP and prints it as a Mermaid `stateDiagram-v2` (paste it
 * into a ```` ```mermaid ```` block), or writes it to `--out`.
 *
 * @example
 * registerGraphCommand(program); // sop graph sop-definitions/new-product-launch.yaml --out launch.mmd
 */
export function registerGraphCommand(program: Command): void {
  const command = program
    .command('graph')
    .description('validate an SOP file and print it as a Mermaid state diagram')
    .argument('<file>', 'SOP file')
    .option('-o, --out <file>', 'write the diagram to this file instead of stdout');
  addContextOptions(command).action((file: string, options: GraphCommandOptions) => {
    const checked = checkSopForCommand(file, options, (line) => process.stderr.write(`${line}\n`));
    if (!checked) {
      process.exitCode = 1;
      return;
    }
    writeOutput(toMermaid(checked.document), options.out);
  });
}
