/**
 * `cheerio/slim` (htmlparser2 only: no parse5, no undici, no iconv-lite) is a package "exports"
 * subpath, which moduleResolution "node" cannot see; node, tsx, jest and esbuild resolve it at
 * run time. Types only, so no run-time path mapping is involved.
 */
declare module 'cheerio/slim' {
  export * from 'cheerio/dist/commonjs/slim';
}
