/** Vite's `?raw` imports: the file's text, bundled (the repository's docs, shown offline). */
declare module '*.md?raw' {
  const text: string;
  export default text;
}
