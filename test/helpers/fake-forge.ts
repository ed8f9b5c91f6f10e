import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake forge received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
}

interface Comment {
  id: number;
  body: string;
}

/**
 * A local stand-in for the GitHub or Gitea REST API (the endpoints the report uses:
 * commit statuses, issue comments list/create/update), on 127.0.0.1 and a free port.
 * It records every request, paginates like the real one (GitHub `per_page`, Gitea `limit`
 * capped at `maxLimit` with `X-Total-Count`), and can answer every call with an error.
 */
export class FakeForge {
  readonly requests: RecordedRequest[] = [];
  readonly comments = new Map<number, Comment[]>();
  readonly statuses: Array<{ sha: string; state: string; context: string; description: string; target_url?: string }> =
    [];
  /** When set, every request gets this status and a JSON message. */
  failWith: number | undefined;
  private nextId = 1000;
  private server: Server | undefined;

  constructor(
    readonly kind: 'github' | 'gitea',
    readonly options: { maxLimit?: number } = {},
  ) {}

  /** API base URL (GitHub: the server root; Gitea: `/api/v1` under it). */
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}${this.kind === 'gitea' ? '/api/v1' : ''}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Seeds `count` unrelated comments on a pull request. */
  seedComments(pr: number, count: number, body = (i: number) => `unrelated comment ${i}`): void {
    const list = this.comments.get(pr) ?? [];
    for (let i = 0; i < count; i++) list.push({ id: this.nextId++, body: body(i) });
    this.comments.set(pr, list);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const prefix = this.kind === 'gitea' ? '/api/v1' : '';
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
    this.requests.push({
      method: req.method ?? '',
      path,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body,
    });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    if (this.failWith !== undefined) {
      send(this.failWith, { message: this.failWith === 403 ? 'Resource not accessible by integration' : 'failure' });
      return;
    }
    const expectedAuth = this.kind === 'gitea' ? /^token \S+$/ : /^(Bearer|token) \S+$/;
    if (!expectedAuth.test(req.headers.authorization ?? '')) {
      send(401, { message: 'Bad credentials' });
      return;
    }

    let match: RegExpExecArray | null;
    if (req.method === 'POST' && (match = /^\/repos\/[^/]+\/[^/]+\/statuses\/([0-9a-f]+)$/.exec(path))) {
      const status = body as { state: string; context: string; description: string; target_url?: string };
      const known =
        this.kind === 'gitea'
          ? ['pending', 'success', 'error', 'failure', 'warning']
          : ['pending', 'success', 'error', 'failure'];
      if (!known.includes(status.state)) {
        send(422, { message: `unknown state ${status.state}` });
        return;
      }
      this.statuses.push({ sha: match[1], ...status });
      send(201, { id: this.statuses.length, ...status });
      return;
    }
    if (req.method === 'GET' && (match = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))) {
      const list = this.comments.get(Number(match[1])) ?? [];
      const page = Number(url.searchParams.get('page') ?? '1');
      const size =
        this.kind === 'gitea'
          ? Math.min(Number(url.searchParams.get('limit') ?? '30'), this.options.maxLimit ?? 50)
          : Math.min(Number(url.searchParams.get('per_page') ?? '30'), 100);
      const slice = list.slice((page - 1) * size, page * size);
      send(200, slice, this.kind === 'gitea' ? { 'X-Total-Count': String(list.length) } : {});
      return;
    }
    if (req.method === 'POST' && (match = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))) {
      const pr = Number(match[1]);
      const comment = { id: this.nextId++, body: (body as { body: string }).body };
      this.comments.set(pr, [...(this.comments.get(pr) ?? []), comment]);
      send(201, comment);
      return;
    }
    if (req.method === 'PATCH' && (match = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path))) {
      const id = Number(match[1]);
      for (const list of this.comments.values()) {
        const comment = list.find((c) => c.id === id);
        if (comment) {
          comment.body = (body as { body: string }).body;
          send(200, comment);
          return;
        }
      }
      send(404, { message: 'Not Found' });
      return;
    }
    send(404, { message: `no route ${req.method} ${path}` });
  }
}
