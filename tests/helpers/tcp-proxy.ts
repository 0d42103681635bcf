import net from "node:net";

/** Where a proxy forwards to; only the loopback interface is ever used. */
export interface TcpProxyOptions {
  /** The port the proxy forwards to on 127.0.0.1 (PostgreSQL's 5432, say). */
  targetPort: number;
  /** The port the proxy listens on, on 127.0.0.1; 0 (the default) picks a free one, kept across restarts. */
  port?: number;
}

/** What the proxy is doing: forwarding, holding every byte (a hung server), or gone. */
export type TcpProxyState = "forwarding" | "stalled" | "stopped";

/**
 * A TCP proxy on 127.0.0.1 that a test can cut, to play a server that goes away under a running
 * client: `stop()` closes the listening socket and destroys every open connection on both sides,
 * so clients see their connections end and new ones refused; `stall()` keeps accepting but
 * forwards nothing either way, as a hung server or a lost network would; `start()` forwards again
 * (on the same port, and carrying on the stalled connections where they stopped).
 */
export interface TcpProxy {
  /** The port clients connect to. */
  readonly port: number;
  /** `127.0.0.1:<port>`. */
  readonly address: string;
  readonly state: TcpProxyState;
  /** Client connections open through the proxy right now. */
  readonly openConnections: number;
  /** Connections accepted since the proxy was created. */
  readonly acceptedConnections: number;
  /**
   * Stops: no new connection is accepted, and every open one is destroyed. `reset: true` sends the
   * client a TCP reset (a crash, a firewall) instead of a plain close (a server that went away).
   */
  stop(options?: { reset?: boolean }): Promise<void>;
  /** Keeps connections (and accepts new ones) but forwards no byte until `start()`. */
  stall(): Promise<void>;
  /** Forwards again: listens again after `stop()`, lets the held bytes through after `stall()`. */
  start(): Promise<void>;
  /** Stops for good. */
  close(): Promise<void>;
}

const HOST = "127.0.0.1";

/** One client connection and, once forwarding, its connection to the target. */
interface Pair {
  client: net.Socket;
  upstream?: net.Socket;
}

function listen(server: net.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once("error", onError);
    server.listen({ host: HOST, port, exclusive: true }, () => {
      server.off("error", onError);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

/** Starts a proxy on 127.0.0.1 in front of `127.0.0.1:targetPort`, forwarding when the promise resolves. */
export async function startTcpProxy({ targetPort, port: wantedPort = 0 }: TcpProxyOptions): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let accepted = 0;
  let server: net.Server | undefined;
  let port = wantedPort;
  let state: TcpProxyState = "forwarding";

  const drop = (pair: Pair) => {
    if (!pairs.delete(pair)) return;
    pair.client.destroy();
    pair.upstream?.destroy();
  };

  const forward = (pair: Pair) => {
    if (!pair.upstream) {
      const upstream = net.connect({ host: HOST, port: targetPort });
      pair.upstream = upstream;
      // Either side ending or failing ends both: a proxy never keeps half a conversation.
      upstream.on("error", () => drop(pair));
      upstream.on("close", () => drop(pair));
    }
    pair.client.pipe(pair.upstream);
    pair.upstream.pipe(pair.client);
  };

  const hold = (pair: Pair) => {
    pair.client.unpipe();
    pair.upstream?.unpipe();
    pair.client.pause();
    pair.upstream?.pause();
  };

  const onConnection = (client: net.Socket) => {
    accepted += 1;
    const pair: Pair = { client };
    pairs.add(pair);
    client.on("error", () => drop(pair));
    client.on("close", () => drop(pair));
    if (state === "forwarding") forward(pair);
    else client.pause();
  };

  const open = async () => {
    const next = net.createServer({ noDelay: true }, onConnection);
    port = await listen(next, port);
    server = next;
  };

  const stop = async ({ reset = false } = {}) => {
    state = "stopped";
    const current = server;
    server = undefined;
    const closed = current ? new Promise<void>((resolve) => current.close(() => resolve())) : Promise.resolve();
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      if (reset) pair.client.resetAndDestroy();
      else pair.client.destroy();
      pair.upstream?.destroy();
    }
    // The server's close callback fires once its last connection is gone, which is now.
    await closed;
  };

  await open();

  return {
    get port() {
      return port;
    },
    get address() {
      return `${HOST}:${port}`;
    },
    get state() {
      return state;
    },
    get openConnections() {
      return pairs.size;
    },
    get acceptedConnections() {
      return accepted;
    },
    stop,
    async stall() {
      if (state === "stalled") return;
      if (state === "stopped") await open();
      state = "stalled";
      for (const pair of pairs) hold(pair);
    },
    async start() {
      if (state === "forwarding") return;
      if (state === "stopped") await open();
      state = "forwarding";
      for (const pair of pairs) forward(pair);
    },
    close: () => stop(),
  };
}
