import { execFile } from 'node:child_process';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { asyncScript, fixturePipeline, tempDir } from '../../testing/local-runner/fixture-pipeline.js';
import { runFixture } from '../../testing/local-runner/run-fixture.js';
import { anyFile, describeRequiring } from '../../testing/requirements.js';

const run = promisify(execFile);
const browser = anyFile(
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
  'chromium',
  'apt-get install -y chromium; scripts/ci/install-system-deps.sh',
);
const CHROMIUM = browser.path;

async function chromium(...args: string[]): Promise<string> {
  if (!CHROMIUM) throw new Error('chromium is required when CI=true (apt-get install -y chromium)');
  const profile = await mkdtemp(join(tmpdir(), 'chromium-profile-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--no-first-run',
    `--user-data-dir=${profile}`,
  ];
  const { stdout } = await run(CHROMIUM, [...flags, ...args], {
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

describeRequiring(browser, 'report.html in headless Chromium', () => {
  it('renders the DAG, the timeline and every task with its status', async () => {
    const dir = await tempDir();
    const table = JSON.stringify([
      { check: 'row count', value: 3 },
      { check: 'nulls', value: 0 },
    ]);
    const spec = fixturePipeline('report-demo', {
      download: { script: 'console.log("downloading")' },
      'csv-a': { script: 'console.log("a")', after: ['download'] },
      'csv-b': { script: 'console.log("b")', after: ['download'] },
      qa: {
        script: asyncScript(`fs.writeFileSync(process.argv[1], ${JSON.stringify(table)});`),
        args: ["{{$.outputs.artifacts['qa'].path}}"],
        outputArtifacts: ['qa'],
        after: ['csv-a', 'csv-b'],
        cache: false,
      },
      publish: { script: 'console.error("no credentials"); process.exit(2)', after: ['qa'], cache: false },
      notify: { script: '', after: ['publish'] },
    });
    await runFixture(spec, dir);
    const { result } = await runFixture(spec, dir);
    const url = pathToFileURL(result.reportPath).href;
    const dom = await chromium('--dump-dom', url);
    expect(dom).toContain('data-report-ready="true"');
    const statuses = [
      ...dom.matchAll(/<details class="task" id="task-([\w-]+)" data-task="[\w-]+" data-status="(\w+)"/g),
    ].map(([, task, status]) => [task, status]);
    expect(Object.fromEntries(statuses)).toEqual({
      download: 'cached',
      'csv-a': 'cached',
      'csv-b': 'cached',
      qa: 'succeeded',
      publish: 'failed',
      notify: 'skipped',
    });
    expect(dom.match(/<g class="node"/g)).toHaveLength(6);
    expect(dom.match(/class="gantt-bar status-cached cache-hit"/g)).toHaveLength(3);
    expect(dom).toContain('<td>row count</td><td>3</td>');
    expect(dom).toContain('no credentials');
    const screenshot = join(dir, 'report.png');
    await chromium(`--screenshot=${screenshot}`, '--window-size=1280,1400', url);
    expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
    console.info(`report screenshot: ${screenshot}`);
  });
});
