import net from "node:net";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

/** A client of the proxy that collects what comes back and how its connection ended. */
async function connect(port: number) {
  const socket = net.connect({ host: "127.0.0.1", port });
  let received = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (received += chunk));
  const ended = new Promise<string>((resolve) => {
    socket.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    socket.on("close", () => resolve("closed"));
  });
  await once(socket, "connect");
  return { socket, ended, received: () => received };
}

/** Connecting to the port fails with this code (or resolves "connected"). */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.on("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe("the TCP proxy of the outage tests", () => {
  let echo: net.Server;
  let proxy: TcpProxy;

  beforeAll(async () => {
    echo = net.createServer((socket) => socket.pipe(socket));
    echo.listen(0, "127.0.0.1");
    await once(echo, "listening");
    proxy = await startTcpProxy({ targetPort: (echo.address() as net.AddressInfo).port });
  });

  afterAll(async () => {
    await proxy.close();
    echo.close();
  });

  it("forwards both ways", async () => {
    const client = await connect(proxy.port);
    client.socket.write("ping");
    await expect.poll(client.received).toBe("ping");
    expect(proxy.openConnections).toBe(1);
    client.socket.destroy();
  });

  it("on stop, ends the open connections and refuses new ones; on start, listens on the same port again", async () => {
    const client = await connect(proxy.port);
    const port = proxy.port;
    await proxy.stop();
    expect(await client.ended).toBe("closed");
    expect(proxy.state).toBe("stopped");
    expect(await tryConnect(port)).toBe("ECONNREFUSED");
    await proxy.start();
    expect(proxy.port).toBe(port);
    const again = await connect(port);
    again.socket.write("back");
    await expect.poll(again.received).toBe("back");
    again.socket.destroy();
  });

  it("on stop with reset, resets the open connections", async () => {
    const client = await connect(proxy.port);
    await proxy.stop({ reset: true });
    expect(await client.ended).toBe("ECONNRESET");
    await proxy.start();
  });

  it("when stalled, holds what is sent, and delivers it in order once started", async () => {
    const open = await connect(proxy.port);
    await proxy.stall();
    open.socket.write("held ");
    const late = await connect(proxy.port); // Accepted while stalled, connected onwards only on start.
    late.socket.write("late");
    await proxy.start();
    open.socket.write("then more");
    await expect.poll(open.received).toBe("held then more");
    await expect.poll(late.received).toBe("late");
    open.socket.destroy();
    late.socket.destroy();
  });
});
