// Lints every BPMN file in ../../processes with bpmnlint's `recommended` rules and the
// Camunda 7.24 checks that Camunda Modeler runs (bpmnlint-plugin-camunda-compat, the
// plugin behind @camunda/linting). Exits 1 on any error; warnings are printed.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { BpmnModdle } = require('bpmn-moddle');
const camundaModdle = require('camunda-bpmn-moddle/resources/camunda.json');
const modelerModdle = require('modeler-moddle/resources/modeler.json');

const here = dirname(fileURLToPath(import.meta.url));
const processes = join(here, '..', '..', 'processes');
const moddle = new BpmnModdle({ camunda: camundaModdle, modeler: modelerModdle });

let errors = 0;
let checked = 0;
for (const file of readdirSync(processes).filter((f) => f.endsWith('.bpmn'))) {
  const xml = readFileSync(join(processes, file), 'utf8');
  const { rootElement, warnings } = await moddle.fromXML(xml);
  for (const w of warnings) {
    console.log(`${file}: error  import: ${w.message}`);
    errors++;
  }
  const version = rootElement.get('modeler:executionPlatformVersion') || '';
  const platform = rootElement.get('modeler:executionPlatform') || '';
  if (platform !== 'Camunda Platform' || !version.startsWith('7.24')) {
    console.log(`${file}: error  execution platform must be Camunda Platform 7.24, is "${platform} ${version}"`);
    errors++;
  }
  const linter = new Linter({
    config: { extends: ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-platform-7-24'] },
    resolver: new NodeResolver({ require })
  });
  const reports = await linter.lint(rootElement);
  for (const [rule, list] of Object.entries(reports)) {
    for (const r of list) {
      const category = r.category || 'error';
      console.log(`${file}: ${category.padEnd(5)}  ${r.id || ''}  ${r.message}  (${rule})`);
      if (category === 'error') errors++;
    }
  }
  checked++;
}
console.log(`model lint: ${checked} file(s), ${errors} error(s)`);
process.exit(errors > 0 || checked === 0 ? 1 : 0);
