// The one place the console imports its UI library from: Preact with htm, bundled in the gateway's jar.
export * from '/_static/htm/3.1.1/preact/standalone.module.js';
