// Parses and validates AsyncAPI documents with the official parser (@asyncapi/parser, its default rules) and
// prints, as one JSON array on stdout, each file with whether it parsed and every diagnostic the parser reported.
// Used by AsyncApiParserIT: node validate.mjs <file>...
import { Parser, fromFile } from '@asyncapi/parser';

const SEVERITIES = ['error', 'warning', 'info', 'hint'];
const parser = new Parser();
const results = [];
for (const file of process.argv.slice(2)) {
  const { document, diagnostics } = await fromFile(parser, file).parse();
  results.push({
    file,
    parsed: document !== undefined,
    diagnostics: diagnostics.map(d => ({
      severity: SEVERITIES[d.severity] ?? String(d.severity),
      code: String(d.code),
      message: d.message,
      path: d.path.join('/'),
    })),
  });
}
process.stdout.write(JSON.stringify(results) + '\n');
