import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { accountNames } from './account-names.js';
import { TokenBuckets, type Rates } from './aws-rates.js';
import {
  DESCRIBE_BUDGETS_PAGES,
  NOTIFICATIONS_FOR_ACCOUNT_PAGES,
  page,
  pageRequest,
  type PageLimits,
} from './budget-pages.js';
import { organizationsHeaders, stackSetTargets } from './stack-set-targets.js';

/**
 * A loopback HTTP gateway between the AWS SDK and moto. It
 * - counts the calls per operation, as they cross the wire;
 * - injects faults on demand: throttling, 500s, and dropped connections (before or after moto ran the call);
 * - throttles like AWS when given rates (test/support/aws-rates.ts): token buckets per operation, answering
 *   TooManyRequestsException with HTTP 400 as Organizations does (ThrottlingException for Budgets, HTTP 429
 *   for Account Management);
 * - answers the Budgets operations that moto lacks (UpdateBudget, the subscriber operations and
 *   DescribeBudgetNotificationsForAccount), keeping the subscribers beside moto's state, and cuts DescribeBudgets,
 *   which moto answers whole, into pages (test/support/budget-pages.ts);
 * - answers PutAccountName of the Account Management API, which moto lacks, and shows the new names in the
 *   answers of Organizations (test/support/account-names.ts);
 * - keeps the OU targets of StackSets, which moto lacks (test/support/stack-set-targets.ts).
 * This is the one place where behaviour is emulated outside moto, because moto lacks it.
 */
export interface Faults {
  /** Share of calls answered with a throttling error, 0..1. */
  throttle?: number;
  /** Share of calls that fail: half with a 500, half with a dropped connection. */
  fail?: number;
  /** Operations that always fail with a 500. */
  alwaysFail?: string[];
  /** Only these operations are hit (default: all but STS, which only hands out credentials). */
  only?: (operation: string) => boolean;
  /** Seed of the pseudo-random choice, so that a failing run can be replayed. */
  seed?: number;
  /** Operations whose next call runs in moto but whose answer is lost (the connection drops): once each. */
  loseAnswerOnce?: string[];
}

export interface Gateway {
  endpoint: string;
  calls: Map<string, number>;
  faultsInjected: Map<string, number>;
  setFaults(faults: Faults | undefined): void;
  /** Throttles every call beyond the rates (token buckets); undefined turns it off. */
  setRates(rates: Rates | undefined): void;
  /** Calls answered with a throttling error because of the rates, per operation. */
  throttled: Map<string, number>;
  /** The service of each operation called, as the gateway throttles it: organizations, budgets, account... */
  services: Map<string, string>;
  /**
   * The calls per service as signed (the credential scope: s3, dynamodb, sqs...) and operation, such as
   * `s3 GET` (REST calls that name no operation count by method): what a bill counts.
   */
  signed: Map<string, number>;
  resetCounts(): void;
  /**
   * Answers an operation in place of moto (or after letting moto run it): `fn` gets the call's input and a
   * way to forward it, and returns the answer to send, or undefined to forward the call as usual.
   */
  setIntercept(operation: string, fn: Intercept | undefined): void;
  /** Resolves once `count` calls of the given operations have been answered by moto. */
  waitFor(operations: string[], count: number): Promise<void>;
  stop(): Promise<void>;
}

type Json = Record<string, unknown>;
export type Intercept = (call: {
  input: Json;
  forward(input?: Json): Promise<{ status: number; json: Json }>;
}) => Promise<Json | undefined>;
interface Subscriber {
  SubscriptionType: string;
  Address: string;
}

/** Mulberry32: a small seeded generator, enough to spread faults reproducibly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The service a call is for, as far as the gateway throttles it. */
function serviceOf(headers: IncomingHttpHeaders, operation: string): string {
  const target = String(headers['x-amz-target'] ?? '');
  if (target.startsWith('AWSOrganizationsV')) return 'organizations';
  if (target.startsWith('AWSBudgetServiceGateway')) return 'budgets';
  if (!target && /AlternateContact|AccountName|ContactInformation|RegionOpt/.test(operation))
    return 'account';
  return 'other';
}

/** The service of the call's signature (`Credential=key/date/region/service/aws4_request`). */
function signedServiceOf(headers: IncomingHttpHeaders): string {
  return (
    /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(String(headers.authorization ?? ''))?.[1] ?? 'unsigned'
  );
}

function operationOf(headers: IncomingHttpHeaders, body: string, url: string): string {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return target.slice(target.indexOf('.') + 1);
  const action = /(?:^|&)Action=([A-Za-z]+)/.exec(body);
  if (action) return action[1]!;
  // REST APIs (Account Management) name the operation in the path: /putAlternateContact.
  const rest = /^\/([a-z][A-Za-z]+)(?:\?|$)/.exec(url);
  return rest ? rest[1]![0]!.toUpperCase() + rest[1]!.slice(1) : 'Unknown';
}

const BUDGETS = 'AWSBudgetServiceGateway';
const isBudgets = (headers: IncomingHttpHeaders) => String(headers['x-amz-target'] ?? '').startsWith(BUDGETS);

function notificationKey(n: Json): string {
  return JSON.stringify([
    n.NotificationType,
    n.ComparisonOperator,
    Number(n.Threshold),
    n.ThresholdType ?? 'PERCENTAGE',
  ]);
}

export async function startGateway(motoEndpoint: string): Promise<Gateway> {
  const moto = new URL(motoEndpoint);
  const calls = new Map<string, number>();
  const faultsInjected = new Map<string, number>();
  const waiters: { operations: string[]; count: number; resolve: () => void }[] = [];
  let faults: Faults | undefined;
  let buckets: TokenBuckets | undefined;
  const throttled = new Map<string, number>();
  const services = new Map<string, string>();
  const signed = new Map<string, number>();
  let rand = random(1);
  // account|budget -> notification key -> subscribers
  const subscribers = new Map<string, Map<string, Subscriber[]>>();
  const sockets = new Set<Socket>();
  const intercepts = new Map<string, Intercept>();

  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  const forward = (method: string, path: string, headers: IncomingHttpHeaders, body: string | Buffer) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const h = { ...headers, host: moto.host, 'content-length': String(Buffer.byteLength(body)) };
      const req = httpRequest(
        { hostname: moto.hostname, port: moto.port, method, path, headers: h },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (d: Buffer) => parts.push(d));
          // moto closes each connection (Connection: close): the gateway's own clients keep theirs alive.
          const { connection: _connection, 'keep-alive': _keepAlive, ...headers } = res.headers;
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 500, headers, body: Buffer.concat(parts) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const names = accountNames(async (headers, target, input) => {
    const r = await forward('POST', '/', { ...headers, 'x-amz-target': target }, JSON.stringify(input));
    const text = r.body.toString();
    return { status: r.status, json: (text ? JSON.parse(text) : {}) as Json };
  });

  const stackSets = stackSetTargets();

  const budgetsCall = async (headers: IncomingHttpHeaders, operation: string, input: Json) => {
    const r = await forward(
      'POST',
      '/',
      { ...headers, 'x-amz-target': `${BUDGETS}.${operation}` },
      JSON.stringify(input),
    );
    const text = r.body.toString();
    return { status: r.status, json: (text ? JSON.parse(text) : {}) as Json };
  };

  const sendJson = (res: ServerResponse, status: number, body: Json, errorType?: string) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    });
    res.end(text);
  };
  const sendError = (res: ServerResponse, status: number, type: string, message: string) =>
    sendJson(res, status, { __type: type, Message: message, message }, type);

  /** Every budget of an account, as moto answers DescribeBudgets (whole, whatever MaxResults says). */
  const allBudgets = async (headers: IncomingHttpHeaders, accountId: unknown) => {
    const r = await budgetsCall(headers, 'DescribeBudgets', { AccountId: accountId });
    return r.status === 200 ? ((r.json.Budgets as Json[] | undefined) ?? []) : undefined;
  };

  /**
   * A page of DescribeBudgets, or of DescribeBudgetNotificationsForAccount built from moto's
   * DescribeNotificationsForBudget of each budget. The API reference does not say whether the latter lists the
   * budgets without notifications ("the budget names and notifications that are associated with an account"):
   * the gateway leaves them out, the stricter answer, so that the engine is tested on finding a budget absent.
   */
  const budgetsPage = async (
    operation: 'DescribeBudgets' | 'DescribeBudgetNotificationsForAccount',
    input: Json,
    headers: IncomingHttpHeaders,
    res: ServerResponse,
  ) => {
    const notifications = operation === 'DescribeBudgetNotificationsForAccount';
    const limits: PageLimits = notifications ? NOTIFICATIONS_FOR_ACCOUNT_PAGES : DESCRIBE_BUDGETS_PAGES;
    const request = pageRequest(input, limits);
    if (!request.ok) return sendError(res, 400, request.type, request.message);
    const budgets = await allBudgets(headers, input.AccountId);
    if (!budgets) return sendError(res, 500, 'InternalErrorException', 'the emulated page read failed');
    const byName = new Map(budgets.map((b) => [String(b.BudgetName), b]));
    const out = await page([...byName.keys()], request, async (name) => {
      if (!notifications) return byName.get(name);
      const n = await budgetsCall(headers, 'DescribeNotificationsForBudget', {
        AccountId: input.AccountId,
        BudgetName: name,
      });
      const list = (n.json.Notifications as Json[] | undefined) ?? [];
      return list.length > 0 ? { BudgetName: name, Notifications: list } : undefined;
    });
    const items = notifications ? { BudgetNotificationsForAccount: out.items } : { Budgets: out.items };
    sendJson(res, 200, { ...items, ...(out.nextToken ? { NextToken: out.nextToken } : {}) });
  };

  /** Budgets operations that moto lacks; returns false when the operation is moto's to answer. */
  const fillBudgetsGap = async (
    operation: string,
    input: Json,
    headers: IncomingHttpHeaders,
    res: ServerResponse,
  ): Promise<boolean> => {
    const key = `${String(input.AccountId)}|${String(input.BudgetName ?? (input.NewBudget as Json | undefined)?.BudgetName)}`;
    const notifications = () => {
      let m = subscribers.get(key);
      if (!m) subscribers.set(key, (m = new Map<string, Subscriber[]>()));
      return m;
    };
    switch (operation) {
      case 'DescribeBudgets':
      case 'DescribeBudgetNotificationsForAccount':
        await budgetsPage(operation, input, headers, res);
        return true;
      case 'DescribeSubscribersForNotification': {
        const subs = subscribers.get(key)?.get(notificationKey(input.Notification as Json));
        if (!subs)
          sendError(
            res,
            400,
            'NotFoundException',
            'Unable to get subscribers: the notification does not exist.',
          );
        else sendJson(res, 200, { Subscribers: subs });
        return true;
      }
      case 'CreateSubscriber': {
        const subs = notifications().get(notificationKey(input.Notification as Json));
        const sub = input.Subscriber as Subscriber;
        if (!subs)
          sendError(
            res,
            400,
            'NotFoundException',
            'Unable to create subscriber: the notification does not exist.',
          );
        else if (subs.some((s) => s.Address === sub.Address))
          sendError(res, 400, 'DuplicateRecordException', 'The subscriber already exists.');
        else {
          subs.push({ SubscriptionType: sub.SubscriptionType, Address: sub.Address });
          sendJson(res, 200, {});
        }
        return true;
      }
      case 'DeleteSubscriber': {
        const nk = notificationKey(input.Notification as Json);
        const subs = notifications().get(nk);
        const sub = input.Subscriber as Subscriber;
        if (!subs || !subs.some((s) => s.Address === sub.Address))
          sendError(res, 400, 'NotFoundException', 'The subscriber does not exist.');
        else {
          notifications().set(
            nk,
            subs.filter((s) => s.Address !== sub.Address),
          );
          sendJson(res, 200, {});
        }
        return true;
      }
      case 'UpdateBudget': {
        const next = input.NewBudget as Json;
        const found = await budgetsCall(headers, 'DescribeBudget', {
          AccountId: input.AccountId,
          BudgetName: next.BudgetName,
        });
        if (found.status !== 200) {
          sendError(
            res,
            400,
            'NotFoundException',
            `Unable to update budget ${String(next.BudgetName)}: it does not exist.`,
          );
          return true;
        }
        const n = await budgetsCall(headers, 'DescribeNotificationsForBudget', {
          AccountId: input.AccountId,
          BudgetName: next.BudgetName,
        });
        const current = (n.json.Notifications as Json[] | undefined) ?? [];
        await budgetsCall(headers, 'DeleteBudget', {
          AccountId: input.AccountId,
          BudgetName: next.BudgetName,
        });
        const subs = notifications();
        const created = await budgetsCall(headers, 'CreateBudget', {
          AccountId: input.AccountId,
          Budget: {
            ...(found.json.Budget as Json),
            ...next,
            CalculatedSpend: undefined,
            LastUpdatedTime: undefined,
          },
          NotificationsWithSubscribers: current.map((x) => ({
            Notification: x,
            Subscribers: subs.get(notificationKey(x)) ?? [],
          })),
        });
        if (created.status !== 200)
          sendError(res, 500, 'InternalErrorException', 'the emulated UpdateBudget failed');
        else sendJson(res, 200, {});
        return true;
      }
      default:
        return false;
    }
  };

  /** Keeps the subscribers of budgets created, notified or deleted through moto. */
  const recordBudgets = (operation: string, input: Json) => {
    const key = `${String(input.AccountId)}|${String(input.BudgetName ?? (input.Budget as Json | undefined)?.BudgetName)}`;
    if (operation === 'CreateBudget') {
      const m = new Map<string, Subscriber[]>();
      for (const n of (input.NotificationsWithSubscribers as Json[] | undefined) ?? [])
        m.set(notificationKey(n.Notification as Json), [...(n.Subscribers as Subscriber[])]);
      subscribers.set(key, m);
    } else if (operation === 'CreateNotification') {
      let m = subscribers.get(key);
      if (!m) subscribers.set(key, (m = new Map<string, Subscriber[]>()));
      m.set(notificationKey(input.Notification as Json), [...(input.Subscribers as Subscriber[])]);
    } else if (operation === 'DeleteNotification') {
      subscribers.get(key)?.delete(notificationKey(input.Notification as Json));
    } else if (operation === 'DeleteBudget') {
      subscribers.delete(key);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const parts: Buffer[] = [];
    for await (const chunk of req) parts.push(chunk as Buffer);
    // The bytes as they came (S3 objects are binary), and as text for the JSON and query protocols.
    const raw = Buffer.concat(parts);
    const body = raw.toString();
    const operation = operationOf(req.headers, body, req.url ?? '/');
    bump(calls, operation);
    bump(
      signed,
      `${signedServiceOf(req.headers)} ${operation === 'Unknown' ? (req.method ?? 'POST') : operation}`,
    );
    const service = serviceOf(req.headers, operation);
    services.set(operation, service);
    if (buckets && !buckets.take(service, operation)) {
      bump(throttled, operation);
      return throttle(res, service);
    }

    const f = faults;
    const hit = f && (f.only ? f.only(operation) : !['AssumeRole', 'GetCallerIdentity'].includes(operation));
    let dropAfter = false;
    const lose = f?.loseAnswerOnce?.indexOf(operation) ?? -1;
    if (f && lose >= 0) {
      f.loseAnswerOnce!.splice(lose, 1);
      dropAfter = true;
    } else if (f && hit) {
      if (f.alwaysFail?.includes(operation)) {
        bump(faultsInjected, `500:${operation}`);
        return sendError(res, 500, 'InternalFailure', 'injected: this operation always fails');
      }
      const r = rand();
      if (r < (f.throttle ?? 0)) {
        bump(faultsInjected, 'throttle');
        // Each service throttles with its own error: Cost Explorer's is LimitExceededException.
        if (String(req.headers['x-amz-target'] ?? '').startsWith('AWSInsightsIndexService'))
          return sendError(
            res,
            400,
            'LimitExceededException',
            'You have exceeded the rate limit for this operation',
          );
        return isBudgets(req.headers)
          ? sendError(res, 400, 'ThrottlingException', 'Rate exceeded')
          : sendError(
              res,
              400,
              'TooManyRequestsException',
              "AWS Organizations can't complete your request because another request is already in progress. Try again later.",
            );
      }
      if (r < (f.throttle ?? 0) + (f.fail ?? 0)) {
        const kind = rand();
        if (kind < 0.5) {
          bump(faultsInjected, '500');
          return sendError(res, 500, 'InternalFailure', 'injected: internal failure');
        }
        if (kind < 0.75) {
          bump(faultsInjected, 'drop-before');
          req.socket.destroy();
          return;
        }
        dropAfter = true;
      }
    }

    if (isBudgets(req.headers)) {
      const input = (body ? JSON.parse(body) : {}) as Json;
      if (await fillBudgetsGap(operation, input, req.headers, res)) return finish(operation);
      const out = await forward(req.method ?? 'POST', req.url ?? '/', req.headers, body);
      if (out.status === 200) recordBudgets(operation, input);
      if (dropAfter) return drop(req, operation);
      res.writeHead(out.status, out.headers);
      res.end(out.body);
      return finish(operation);
    }
    if (operation === 'PutAccountName') {
      const failed = await names.put(req.headers, (body ? JSON.parse(body) : {}) as Json);
      if (failed) sendError(res, failed.status, failed.type, failed.message);
      else sendJson(res, 200, {});
      return finish(operation);
    }
    if (stackSets.handles(operation)) {
      const out = await stackSets.answer(
        operation,
        body,
        (query) => forward('POST', req.url ?? '/', req.headers, query),
        async (op, input) => {
          const r = await forward('POST', '/', organizationsHeaders(req.headers, op), JSON.stringify(input));
          return JSON.parse(r.body.toString() || '{}') as Json;
        },
      );
      if (dropAfter) return drop(req, operation);
      res.writeHead(out.status, out.headers);
      res.end(out.body);
      return finish(operation);
    }
    const intercept = intercepts.get(operation);
    if (intercept) {
      const answer = await intercept({
        input: (body ? JSON.parse(body) : {}) as Json,
        forward: async (input) => {
          const r = await forward('POST', req.url ?? '/', req.headers, input ? JSON.stringify(input) : body);
          const text = r.body.toString();
          return { status: r.status, json: (text ? JSON.parse(text) : {}) as Json };
        },
      });
      if (answer) {
        sendJson(res, 200, answer);
        return finish(operation);
      }
    }
    const out = await forward(req.method ?? 'POST', req.url ?? '/', req.headers, raw);
    if (dropAfter) return drop(req, operation);
    const answer = out.status === 200 ? names.rewrite(operation, out.body) : out.body;
    const headers = { ...out.headers };
    if (answer !== out.body) {
      delete headers['transfer-encoding'];
      headers['content-length'] = String(answer.length);
    }
    res.writeHead(out.status, headers);
    res.end(answer);
    finish(operation);
  };

  const throttle = (res: ServerResponse, service: string) => {
    if (service === 'budgets') return sendError(res, 400, 'ThrottlingException', 'Rate exceeded');
    if (service === 'account')
      return sendError(res, 429, 'TooManyRequestsException', 'Too many requests, please slow down.');
    return sendError(
      res,
      400,
      'TooManyRequestsException',
      'You have sent too many requests in too short a period of time. Try again later.',
    );
  };

  const drop = (req: IncomingMessage, operation: string) => {
    bump(faultsInjected, 'drop-after');
    req.socket.destroy();
    finish(operation);
  };

  const answered = new Map<string, number>();
  const finish = (operation: string) => {
    bump(answered, operation);
    checkWaiters();
  };
  const checkWaiters = () => {
    for (const w of [...waiters]) {
      const n = w.operations.reduce((sum, op) => sum + (answered.get(op) ?? 0), 0);
      if (n >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'InternalFailure', `gateway: ${String(error)}`);
    });
  });
  server.keepAliveTimeout = 1000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    faultsInjected,
    throttled,
    services,
    signed,
    setRates(rates) {
      buckets = rates ? new TokenBuckets(rates) : undefined;
    },
    setFaults(next) {
      faults = next;
      rand = random(next?.seed ?? 1);
    },
    setIntercept(operation, fn) {
      if (fn) intercepts.set(operation, fn);
      else intercepts.delete(operation);
    },
    resetCounts() {
      calls.clear();
      signed.clear();
      faultsInjected.clear();
      throttled.clear();
      answered.clear();
    },
    waitFor(operations, count) {
      return new Promise((resolve) => {
        waiters.push({ operations, count, resolve });
        checkWaiters();
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
