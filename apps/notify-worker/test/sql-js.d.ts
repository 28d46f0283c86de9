// The part of sql.js (SQLite compiled to WebAssembly) the D1 stand-in uses; the package ships no types.
declare module 'sql.js' {
  export interface Statement {
    bind(values: unknown[]): boolean;
    step(): boolean;
    getAsObject(): Record<string, unknown>;
    free(): boolean;
  }
  export interface Database {
    prepare(sql: string): Statement;
    close(): void;
  }
  export interface SqlJsStatic {
    Database: new () => Database;
  }
  export default function initSqlJs(): Promise<SqlJsStatic>;
}
