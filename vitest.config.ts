import { defineConfig } from 'vitest/config';

const conditions = ['source', 'node', 'development'];
// Dependencies Node loads itself must not get `module`: some packages' `module` builds are bundler-only.
const externalConditions = ['source', 'node'];
const shared = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions } },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/testing/**/*.test.ts',
            'projects/*/src/**/*.test.ts',
            'projects/*/test/**/*.test.ts',
            'scripts/**/*.test.ts',
            'examples/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/*.types.test.ts', '**/node_modules/**'],
          testTimeout: 30_000,
        },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          include: [
            'packages/*/src/**/*.int.test.ts',
            'packages/*/testing/**/*.int.test.ts',
            'projects/*/**/*.int.test.ts',
            'scripts/**/*.int.test.ts',
          ],
          exclude: ['**/node_modules/**'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
