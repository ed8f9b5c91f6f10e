import { configJsonSchema } from '../../config/schema.js';
import { reportJsonSchema } from '../../report/schema.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../context.js';

const HELP = `Usage: quality-gates schema [--report]

Prints the JSON Schema of quality-gates.config.yml (or, with --report, of the report JSON).
The same schemas are committed under schema/.`;

/** `quality-gates schema`: prints a JSON Schema. */
export const schemaCommand: Command = async (argv, context) => {
  const { values } = parseCommandArgs('schema', argv, {
    report: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    context.stdout.write(HELP + '\n');
    return 0;
  }
  const schema = values.report ? reportJsonSchema() : configJsonSchema();
  context.stdout.write(JSON.stringify(schema, null, 2) + '\n');
  return 0;
};
