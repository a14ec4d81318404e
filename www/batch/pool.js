// A pool of module workers (www/worker.js) that analyze a batch's files: one worker per core (at least
// two), each taking the next file as soon as it is free (a few in flight per worker, so that the next
// is waiting when one is done). Answers come back as they finish; the caller puts them in order.
// A worker whose module panicked is replaced by a fresh one, and the files it still held go to the
// front of the queue; a worker that cannot start at all fails the files it was given, not the batch.

const WORKER_URL = new URL("../worker.js", import.meta.url);
/** Files handed to a worker before it answers: enough that it never waits for the main thread (which
 * hands out the next file when an answer arrives), few enough that the workers stay balanced. */
const IN_FLIGHT = 8;
/** Workers that may fail to start in a row before the pool gives up on starting more. */
const MAX_START_FAILURES = 3;

export const poolSize = () => Math.max(2, Math.min(navigator.hardwareConcurrency || 2, 8));

/**
 * Run `tasks` ([{id, name, file, options, mode}]) on `size` workers given the compiled analysis
 * `module`. `onAnswer(task, answer)` gets {type: "result", …} or {type: "error", message, panic}.
 * Returns {done: Promise, cancel()}.
 */
export function runPool(tasks, { module, size = poolSize(), onAnswer }) {
  const queue = tasks.slice();
  const slots = new Set();
  let cancelled = false;
  let startFailures = 0;
  let finish;
  const done = new Promise((resolve) => {
    finish = resolve;
  });

  const settle = () => {
    if (!cancelled && queue.length === 0 && [...slots].every((s) => s.inflight.size === 0)) {
      for (const s of slots) s.worker.terminate();
      slots.clear();
      finish();
    }
  };
  const answer = (task, m) => {
    if (!cancelled) onAnswer(task, m);
  };

  function spawn() {
    const worker = new Worker(WORKER_URL, { type: "module", name: "report-analyzer" });
    const slot = { worker, inflight: new Map(), started: false };
    worker.addEventListener("message", (ev) => {
      const m = ev.data ?? {};
      if (m.type === "ready") {
        slot.started = true;
        startFailures = 0;
        return;
      }
      const task = slot.inflight.get(m.id);
      if (!task) return;
      slot.inflight.delete(m.id);
      answer(task, m);
      if (m.type === "error" && m.panic) replace(slot);
      else feed(slot);
      settle();
    });
    worker.addEventListener("error", (ev) => {
      ev.preventDefault?.();
      // The worker died outside a call we could answer for: its first file is the one it was on.
      const held = [...slot.inflight.values()];
      slot.inflight.clear();
      const message = ev.message || "后台分析进程意外退出";
      if (!slot.started) startFailures += 1;
      if (held.length) answer(held[0], { type: "error", id: held[0].id, message, panic: true });
      queue.unshift(...held.slice(1));
      replace(slot);
      settle();
    });
    // Hand over the compiled module: the worker need not fetch and compile the wasm again.
    worker.postMessage({ type: "init", module });
    slots.add(slot);
    feed(slot);
    return slot;
  }

  function feed(slot) {
    while (!cancelled && slot.inflight.size < IN_FLIGHT && queue.length) {
      const task = queue.shift();
      slot.inflight.set(task.id, task);
      slot.worker.postMessage({ type: "analyze", id: task.id, name: task.name, file: task.file, options: task.options, mode: task.mode });
    }
  }

  function replace(slot) {
    slot.worker.terminate();
    slots.delete(slot);
    queue.unshift(...slot.inflight.values());
    slot.inflight.clear();
    if (cancelled) return;
    if (startFailures >= MAX_START_FAILURES) {
      // Workers cannot start here (the module or the script fails to load): say so for every file left.
      if (slots.size === 0) {
        for (const task of queue.splice(0)) answer(task, { type: "error", id: task.id, message: "后台分析进程无法启动", panic: false });
      }
      return;
    }
    if (queue.length) spawn();
  }

  for (let i = 0; i < Math.min(size, queue.length); i += 1) spawn();
  settle();
  return {
    done,
    cancel() {
      cancelled = true;
      for (const s of slots) s.worker.terminate();
      slots.clear();
      queue.length = 0;
      finish();
    },
  };
}
