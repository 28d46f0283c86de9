// Express 4, installed under the alias `express4` next to Express 5: the route uses only what both share, so
// Express 5's types describe it well enough for the tests.
declare module 'express4' {
  import express from 'express';
  export default express;
}
