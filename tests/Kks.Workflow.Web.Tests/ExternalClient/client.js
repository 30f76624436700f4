// Camunda's own JavaScript external task client (camunda-external-task-client-js, pinned in package.json) run
// against the Kks.Workflow web host: it subscribes to a topic, takes one task, completes it with variables and exits.
// Usage: node client.js <baseUrl ending in /engine-rest> <user> <password> <topic>
// Exit codes: 0 completed, 2 completion refused, 3 nothing within the time limit, 4 bad arguments.
import { Client, BasicAuthInterceptor, Variables } from "camunda-external-task-client-js";

const [baseUrl, username, password, topic] = process.argv.slice(2);
if (!baseUrl || !username || !password || !topic) {
  console.error("usage: node client.js <baseUrl> <user> <password> <topic>");
  process.exit(4);
}

const client = new Client({
  baseUrl,
  workerId: "kks-js-worker",
  interceptors: new BasicAuthInterceptor({ username, password }),
  asyncResponseTimeout: 5000,
  lockDuration: 30000,
  maxTasks: 1,
  interval: 100,
  autoPoll: false,
});

client.on("poll:error", (error) => console.error(`poll error: ${error.message ?? error}`));

client.subscribe(topic, async ({ task, taskService }) => {
  const nama = task.variables.get("nama");
  console.log(`fetched ${task.id} of ${task.processInstanceId} (nama=${nama})`);
  const variables = new Variables()
    .set("salam", `Halo ${nama}`)
    .set("jumlah", 42)
    .set("selesai", true);
  try {
    await taskService.complete(task, variables);
  } catch (error) {
    console.error(`complete failed: ${error.message ?? error}`);
    process.exit(2);
  }
  console.log(`completed ${task.id}`);
  client.stop();
  process.exit(0);
});

client.start();
setTimeout(() => {
  console.error("no task fetched in time");
  process.exit(3);
}, 60000).unref();
