// What the global setup hands to every test file through `inject()`. Declared in a file that
// both sides import, so that any package's typecheck sees it.
declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
    mongoUrl: string;
    infrastructure: string;
  }
}

export {};
