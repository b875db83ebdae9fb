/**
 * The renderer's Content-Security-Policy, one text for every way the page is delivered: the web
 * host's header, Electron's header (a file:// page), and the meta tag the renderer build writes into
 * index.html (so a page loaded without the header is no less locked). `frame-ancestors` is only
 * honoured in a header, so the meta tag carries the policy without it.
 */
export const DOCUMENT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export const HEADER_CSP = `${DOCUMENT_CSP}; frame-ancestors 'none'`;

/** Vite plugin: writes DOCUMENT_CSP into index.html's `__YIBAO_CSP__` placeholder at build time. */
export function cspMetaPlugin(): { name: string; transformIndexHtml(html: string): string } {
  return {
    name: 'yibao-csp-meta',
    transformIndexHtml: (html) => html.replace('__YIBAO_CSP__', DOCUMENT_CSP),
  };
}
