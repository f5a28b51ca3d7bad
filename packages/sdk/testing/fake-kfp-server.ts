import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KfpRunState } from '../src/client/kfp-types.js';
import {
  pathParams,
  REQUEST_SHAPES,
  type OperationName,
  type RequestShape,
} from '../src/client/request-shapes.js';
import { validateRequest } from '../src/client/validate-request.js';
import { dispatch } from './fake-kfp-dispatch.js';
import { FakeKfpError, FakeKfpStore, type StoredRun } from './fake-kfp-store.js';

export interface FakeKfpOptions {
  /** Accepted credentials; when set, every request needs one (missing → 401, wrong → 403). */
  readonly auth?: { readonly tokens?: readonly string[]; readonly cookies?: readonly string[] };
  /** Multi-user mode: experiments need a namespace, runs a namespace or experiment (like the real backend). */
  readonly multiUser?: boolean;
  readonly tagName?: string;
  /** States each new run moves through, one per GET (default PENDING → RUNNING → SUCCEEDED). */
  readonly runStates?: readonly KfpRunState[] | ((run: { display_name: string }) => readonly KfpRunState[]);
}

/** One request the fake received, after validation. */
export interface FakeRequest {
  readonly operation: OperationName | undefined;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly json?: unknown;
  /** Multipart fields: name → file name (null for plain values). */
  readonly form?: Readonly<Record<string, string | null>>;
  readonly status: number;
}

export interface FakeKfpServer {
  readonly url: string;
  readonly requests: FakeRequest[];
  readonly store: FakeKfpStore;
  /** Every stored version as `[pipeline name, version name]`, in upload order. */
  versions(): [string, string][];
  /** The next call of `operation` answers `status` with `message` instead of being handled. */
  failNext(operation: OperationName, status: number, message: string): void;
  close(): Promise<void>;
}

const GRPC_CODES: Readonly<Record<number, number>> = {
  400: 3,
  401: 16,
  403: 7,
  404: 5,
  409: 6,
  500: 13,
  503: 14,
};

interface Route {
  readonly operation: OperationName;
  readonly shape: RequestShape;
  readonly pattern: RegExp;
}

const ROUTES: readonly Route[] = (Object.keys(REQUEST_SHAPES) as OperationName[]).map((operation) => {
  const shape: RequestShape = REQUEST_SHAPES[operation];
  const source = shape.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)');
  return { operation, shape, pattern: new RegExp(`^${source}$`) };
});

function match(method: string, path: string) {
  for (const route of ROUTES) {
    const found = route.pattern.exec(path);
    if (found && route.shape.method === method) {
      const names = pathParams(route.shape.path);
      const params = Object.fromEntries(
        names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]),
      );
      return { route, params };
    }
  }
  return undefined;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Multipart fields via the WHATWG parser; file entries keep their file name and text. */
async function parseForm(body: Buffer, contentType: string) {
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  const fields: Record<string, string | null> = {};
  const files: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = null;
    else {
      fields[name] = value.name;
      files[name] = await value.text();
    }
  }
  return { fields, files };
}

function checkAuth(options: FakeKfpOptions, request: IncomingMessage): void {
  const auth = options.auth;
  if (!auth) return;
  const header = request.headers.authorization;
  const cookie = request.headers.cookie;
  if (!header && !cookie)
    throw new FakeKfpError(401, 'Unauthenticated: request header error: there is no user identity header');
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  const ok =
    (token !== undefined && (auth.tokens ?? []).includes(token)) ||
    (cookie !== undefined && (auth.cookies ?? []).includes(cookie));
  if (!ok) throw new FakeKfpError(403, 'PermissionDenied: the credentials are not valid for this cluster');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Starts a loopback fake of the KFP v2beta1 API that validates every request against `REQUEST_SHAPES`. */
export async function startFakeKfpServer(options: FakeKfpOptions = {}): Promise<FakeKfpServer> {
  const script = (run: StoredRun): KfpRunState[] => {
    const states = typeof options.runStates === 'function' ? options.runStates(run) : options.runStates;
    return [...(states ?? ['PENDING', 'RUNNING', 'SUCCEEDED'])];
  };
  const store = new FakeKfpStore(script);
  const requests: FakeRequest[] = [];
  const failures = new Map<OperationName, { status: number; message: string }>();
  const context = { options, store };

  const server = createServer((request, response) => {
    void handle(context, failures, request).then(({ status, body, record }) => {
      requests.push({ ...record, status });
      send(response, status, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    store,
    versions: () =>
      store.versions.map((v) => [store.pipeline(v.pipeline_id).name, v.name] as [string, string]),
    failNext: (operation, status, message) => failures.set(operation, { status, message }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface Context {
  readonly options: FakeKfpOptions;
  readonly store: FakeKfpStore;
}

type Record_ = Omit<FakeRequest, 'status'>;

async function handle(
  context: Context,
  failures: Map<OperationName, { status: number; message: string }>,
  request: IncomingMessage,
): Promise<{ status: number; body: unknown; record: Record_ }> {
  const url = new URL(request.url ?? '/', 'http://fake');
  const method = request.method ?? 'GET';
  const contentType = request.headers['content-type'] ?? '';
  const record: { -readonly [K in keyof Record_]: Record_[K] } = {
    operation: undefined,
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: {
      authorization: request.headers.authorization,
      cookie: request.headers.cookie,
      'content-type': contentType,
    },
  };
  try {
    const body = await readBody(request);
    const found = match(method, url.pathname);
    if (!found) throw new FakeKfpError(404, `Not Found: no route ${method} ${url.pathname}`);
    record.operation = found.route.operation;
    let json: unknown;
    let files: Record<string, string> = {};
    if (contentType.startsWith('multipart/form-data')) {
      const parsed = await parseForm(body, contentType).catch(() => {
        throw new FakeKfpError(400, 'Invalid input error: malformed multipart body');
      });
      record.form = parsed.fields;
      files = parsed.files;
    } else if (body.length > 0) {
      try {
        json = JSON.parse(body.toString('utf8')) as unknown;
      } catch {
        throw new FakeKfpError(400, 'Invalid input error: request body is not JSON');
      }
      record.json = json;
    }
    checkAuth(context.options, request);
    const problems = validateRequest(found.route.shape, {
      query: url.searchParams,
      contentType,
      json,
      formFields: record.form ? new Map(Object.entries(record.form)) : undefined,
    });
    if (problems.length > 0) throw new FakeKfpError(400, `Invalid input error: ${problems.join('; ')}`);
    const failure = failures.get(found.route.operation);
    if (failure) {
      failures.delete(found.route.operation);
      throw new FakeKfpError(failure.status, failure.message);
    }
    const upload = files.uploadfile ?? '';
    const result = dispatch(context, {
      operation: found.route.operation,
      params: found.params,
      query: url.searchParams,
      json,
      upload,
    });
    return { status: 200, body: result, record };
  } catch (error) {
    const status = error instanceof FakeKfpError ? error.status : 500;
    const message = error instanceof Error ? error.message : String(error);
    // The upload handler is plain HTTP, not gRPC-gateway: its errors are `{error_message, error_details}`.
    const body = record.operation?.startsWith('upload')
      ? { error_message: message, error_details: message }
      : { code: GRPC_CODES[status] ?? 2, message, details: [] };
    return { status, body, record };
  }
}
