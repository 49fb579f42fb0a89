// Generates dist/custom-elements.json from the element's JSDoc, which is the public API's one description.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
};
