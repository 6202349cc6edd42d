import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A post a webhook received: the path (which stands for the secret URL), the JSON body, the answer given. */
export interface ReceivedPost {
  path: string;
  body: unknown;
  status: number;
}

export interface WebhookServer {
  /** http://127.0.0.1:PORT: a webhook's URL is this and a path of its own. */
  url: string;
  received: ReceivedPost[];
  /** The statuses a path answers, one per post, in order; then 200. */
  script(path: string, statuses: number[]): void;
  close(): Promise<void>;
}

/** A loopback server that records what Teams and Slack incoming webhooks receive, and answers as scripted. */
export async function startWebhookServer(): Promise<WebhookServer> {
  const received: ReceivedPost[] = [];
  const scripts = new Map<string, number[]>();
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const path = req.url ?? '/';
      const status = scripts.get(path)?.shift() ?? 200;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(parts).toString());
      } catch {
        body = Buffer.concat(parts).toString();
      }
      received.push({ path, body, status });
      res.writeHead(status, status === 429 ? { 'retry-after': '0' } : {});
      res.end(status < 300 ? '1' : 'error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    script: (path, statuses) => scripts.set(path, [...statuses]),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
