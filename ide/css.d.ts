// tsc 6+ rejects side-effect imports of files it cannot type (TS2882); esbuild bundles the CSS.
declare module "*.css";
