// `.zip` archives of reports: each becomes the reports inside it (nested archives one level deep, member
// names decoded from GBK where Chinese Windows wrote them), named `archive.zip/folder/name.pdf`. The
// archive is read in a worker (inflating 50 MB is not the main thread's work); each member comes back as
// a File, so the batch reads and re-reads it like any picked file.
import { analysisModule } from "../lib/wasm.js";
import { runPool } from "./pool.js";

export const isArchive = (file) => /\.zip$/i.test(file.name);

/**
 * `files` with every archive (by `archive(file)`: its name, unless told) replaced by its reports, in order. A member that could not be taken out,
 * or an archive that could not be read, stays as `{name, error}` (the batch names it among the failures).
 */
export async function expandArchives(files, archive = isArchive) {
  const archives = files.filter(archive);
  if (!archives.length) return files;
  const members = new Map();
  await runPool(archives.map((file, id) => ({ id, name: file.name, file, mode: "list" })), {
    module: analysisModule.compiled,
    size: Math.min(2, archives.length),
    onAnswer(task, m) {
      members.set(archives[task.id], m.type === "result"
        ? m.members.map((x) => (x.bytes ? new File([x.bytes], x.name) : { name: x.name, error: x.error }))
        : [{ name: task.name, error: m.message }]);
    },
  }).done;
  return files.flatMap((f) => members.get(f) ?? [f]);
}
