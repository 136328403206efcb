// Preloaded (`node --import`) into an `xdc plan` child process: any attempt to open a socket,
// listen, send a datagram or resolve a name throws, so a plan that contacts anything fails.
import dgram from "node:dgram";
import dns from "node:dns";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";

const refuse = (what) =>
  function () {
    throw new Error(`xdc plan must not contact anything, but it called ${what}`);
  };
net.Socket.prototype.connect = refuse("net.Socket#connect");
net.Server.prototype.listen = refuse("net.Server#listen");
dgram.Socket.prototype.bind = refuse("dgram.Socket#bind");
dgram.Socket.prototype.send = refuse("dgram.Socket#send");
dns.lookup = refuse("dns.lookup");
dns.promises.lookup = refuse("dns.promises.lookup");
syncBuiltinESMExports();
