// Preloaded into the dry-run under test: any socket or any load of the management SDK fails it.
const net = require('node:net');
const Module = require('node:module');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // Local IPC (tsx talks to its own unix socket) is fine; TCP is not.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const ipc = typeof first === 'string' ? !/^\d+$/.test(first) : Boolean(first && first.path);
  if (!ipc) throw new Error('dry-run opened a network connection');
  return connect.apply(this, args);
};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/^@cloudbase\//.test(request) || /^(https?|http2|dns)$/.test(request.replace(/^node:/, ''))) throw new Error(`dry-run loaded ${request}`);
  return load.call(this, request, ...rest);
};
