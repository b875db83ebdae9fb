/** Stylesheets are bundled by Vite; importing one has no exports. */
declare module '*.css';
