// The subset of autocannon 8 the bench uses (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface RequestParams {
      method?: string;
      body?: string;
      headers?: Record<string, string>;
    }
    interface Options {
      url: string;
      method?: string;
      connections?: number;
      duration?: number;
      requests?: Array<{ setupRequest?: (request: RequestParams) => RequestParams }>;
    }
    interface Histogram {
      average: number;
      total: number;
      p50: number;
      p99: number;
      max: number;
    }
    interface Result {
      requests: Histogram;
      latency: Histogram;
      non2xx: number;
      errors: number;
      timeouts: number;
    }
  }
  function autocannon(
    options: autocannon.Options,
    callback: (error: Error | null, result: autocannon.Result) => void,
  ): void;
  export default autocannon;
}
