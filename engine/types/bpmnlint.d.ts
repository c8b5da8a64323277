// bpmnlint's rules and config are CommonJS without declarations; this covers what the validator uses.
declare module 'bpmnlint' {
  export interface LintReport {
    id?: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'off' | 'rule-error';
    path?: (string | number)[];
  }
  export class Linter {
    constructor(options: {
      config: { extends?: string | string[]; rules?: Record<string, string> };
      resolver: unknown;
    });
    lint(definitions: unknown): Promise<Record<string, LintReport[]>>;
  }
}

declare module 'bpmnlint/rules/*' {
  const ruleFactory: () => unknown;
  export default ruleFactory;
}

declare module 'bpmnlint/config/recommended.js' {
  const config: { rules: Record<string, string> };
  export default config;
}
