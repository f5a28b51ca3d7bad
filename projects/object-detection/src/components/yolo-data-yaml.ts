/** The YOLO dataset file the training chapter reads (one class, `0: id_card`). */
export function yoloDataYaml(root = '/home/jovyan/data/'): string {
  return [
    `path: ${root}`,
    'train: train/images',
    'val: val/images',
    'test: test/images',
    'names:',
    '  0: id_card',
    '',
  ].join('\n');
}
