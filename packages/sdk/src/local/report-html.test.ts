import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asyncScript, fixturePipeline, tempDir } from '../../testing/local-runner/fixture-pipeline.js';
import { runFixture } from '../../testing/local-runner/run-fixture.js';

describe('report.html', () => {
  it('is self-contained and shows every task, its status, outputs, small tables and its log', async () => {
    const dir = await tempDir();
    const spec = fixturePipeline('reported', {
      qa: {
        script: asyncScript(
          `console.log('checked <rows>'); fs.writeFileSync(process.argv[1], JSON.stringify([{ check: 'nulls', result: 'pass' }, { check: 'dupes', result: 'fail' }])); fs.writeFileSync(process.argv[2], '42');`,
        ),
        args: ["{{$.outputs.artifacts['qa'].path}}", "{{$.outputs.parameters['rows'].output_file}}"],
        outputArtifacts: ['qa'],
        outputs: { rows: 'NUMBER_INTEGER' },
      },
      broken: { script: 'console.error("bad input"); process.exit(4)', after: ['qa'] },
      never: { script: '', after: ['broken'] },
    });
    const { result } = await runFixture(spec, dir);
    const html = await readFile(result.reportPath, 'utf8');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).toContain('<svg class="dag"');
    for (const [task, status] of [
      ['qa', 'succeeded'],
      ['broken', 'failed'],
      ['never', 'skipped'],
    ]) {
      expect(html).toContain(`data-task="${task}" data-status="${status}"`);
    }
    expect(html).toContain('checked &#60;rows&#62;');
    expect(html).toContain('<td class="output-value">42</td>');
    expect(html).toContain('<th>check</th><th>result</th>');
    expect(html).toContain('<td>dupes</td><td>fail</td>');
    expect(html).toContain('bad input');
    expect(html).toContain('class="gantt"');
    expect(result.reportPath).toBe(join(result.runDir, 'report.html'));
  });
});
