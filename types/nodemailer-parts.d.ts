/**
 * `nodemailer/lib/mail-composer` is a package "exports" subpath, which moduleResolution "node" cannot
 * see (node, jest and esbuild resolve it at run time): its types are the CommonJS build's.
 */
declare module 'nodemailer/lib/mail-composer' {
  export { default } from 'nodemailer/dist/cjs/mail-composer';
}
