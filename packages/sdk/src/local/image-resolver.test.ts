import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImageCommandMismatchError, ImageNotFoundError } from './errors.js';
import { tempDir } from '../../testing/local-runner/fixture-pipeline.js';
import { repositoryOfImage, loadImageManifest, manifestImageResolver } from './image-resolver.js';

const manifest = {
  images: [
    {
      component: 'csv-to-parquet',
      project: 'movie-recommender',
      image: 'ghcr.io/capstone/movie-recommender-csv-to-parquet:latest',
      repository: 'ghcr.io/capstone/movie-recommender-csv-to-parquet',
      command: ['node', '/app/main.mjs'],
      localCommand: ['node', '/abs/dist/images/movie-recommender-csv-to-parquet/main.mjs'],
    },
  ],
};

describe('manifestImageResolver', () => {
  const resolve = manifestImageResolver(manifest);
  it('matches by repository, ignoring the tag, and swaps in the local command', () => {
    expect(
      resolve({
        image: 'ghcr.io/capstone/movie-recommender-csv-to-parquet:0.3.1',
        command: ['node', '/app/main.mjs'],
      }),
    ).toEqual(['node', '/abs/dist/images/movie-recommender-csv-to-parquet/main.mjs']);
  });
  it('refuses a container that does not run the image entry command', () => {
    expect(() =>
      resolve({
        image: 'ghcr.io/capstone/movie-recommender-csv-to-parquet:latest',
        command: ['sh', '-c', 'ls'],
      }),
    ).toThrow(ImageCommandMismatchError);
  });
  it('fails for an unknown image, listing the known ones and the build command', () => {
    expect(() =>
      resolve({ image: 'ghcr.io/capstone/other:latest', command: ['node', '/app/main.mjs'] }),
    ).toThrow(ImageNotFoundError);
    expect(() => resolve({ image: 'ghcr.io/capstone/other:latest', command: [] })).toThrow(
      /no local build for image 'ghcr\.io\/capstone\/other:latest'\. Known images: ghcr\.io\/capstone\/movie-recommender-csv-to-parquet:latest\. Run `pnpm build:pipelines`/,
    );
  });
});

describe('repositoryOfImage', () => {
  it.each([
    ['alpine', 'alpine'],
    ['python:3.11', 'python'],
    ['localhost:5000/team/img:tag', 'localhost:5000/team/img'],
    ['localhost:5000/team/img', 'localhost:5000/team/img'],
    ['ghcr.io/a/b@sha256:abc', 'ghcr.io/a/b'],
  ])('%s → %s', (image, repository) => expect(repositoryOfImage(image)).toBe(repository));
});

describe('loadImageManifest', () => {
  it('reads images.json, treats a missing file as empty and rejects a malformed one', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'images.json'), JSON.stringify(manifest));
    expect((await loadImageManifest(join(dir, 'images.json'))).images).toHaveLength(1);
    expect(await loadImageManifest(join(dir, 'missing.json'))).toEqual({ images: [] });
    await writeFile(join(dir, 'bad.json'), '{"images": [{"image": 1}]}');
    await expect(loadImageManifest(join(dir, 'bad.json'))).rejects.toThrow(/expected \{ images/);
  });
});
