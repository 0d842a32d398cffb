/// <reference types="vite/client" />

/** `*.hbs` modules are precompiled by scripts/handlebars-plugin.ts into a template spec. */
declare module '*.hbs' {
  const spec: TemplateSpecification;
  export default spec;
}
