import { describe, expect, it } from 'vitest';
import { imageTag, pipelineImages, unpublishedComponentImages } from './published-images.js';

const yaml = (executors: Record<string, { image: string; command: string[] }>) =>
  `# PIPELINE DEFINITION\ndeploymentSpec:\n  executors:\n${Object.entries(executors)
    .map(
      ([name, c]) =>
        `    ${name}:\n      container:\n        image: ${c.image}\n        command: ${JSON.stringify(c.command)}\n`,
    )
    .join('')}---\nplatforms: {}\n`;

const component = ['node', '/app/main.mjs'];

describe('published component images', () => {
  it('reads every executor image and tells component images from other containers', () => {
    const text = yaml({
      'exec-a': { image: 'ghcr.io/o/p-a:latest', command: component },
      'exec-b': { image: 'python:3.12', command: ['python3', '-c', 'pass'] },
    });
    expect(pipelineImages(text)).toEqual([
      { executor: 'exec-a', image: 'ghcr.io/o/p-a:latest', tag: 'latest', component: true },
      { executor: 'exec-b', image: 'python:3.12', tag: '3.12', component: false },
    ]);
  });

  it('flags component images whose tag CI never pushes, and only those', () => {
    const text = yaml({
      'exec-dev': { image: 'ghcr.io/o/p-a:dev', command: component },
      'exec-sha': { image: `ghcr.io/o/p-b:${'0'.repeat(40)}`, command: component },
      'exec-release': { image: 'ghcr.io/o/p-c:v1.0.0', command: component },
      'exec-tool': { image: 'alpine:edge', command: ['sh'] },
    });
    expect(unpublishedComponentImages(text).map((i) => i.image)).toEqual(['ghcr.io/o/p-a:dev']);
  });

  it('parses tags next to registry ports and digests', () => {
    expect(imageTag('reg:5000/a/b')).toBe('latest');
    expect(imageTag('reg:5000/a/b:t1')).toBe('t1');
    expect(imageTag(`reg/a@sha256:${'1'.repeat(64)}`)).toBeUndefined();
  });
});
