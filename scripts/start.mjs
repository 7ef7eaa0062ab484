// `npm start`: every simulator that exists, on loopback, with demo credentials held in the Vault
// simulator. The control plane joins them as it lands. Stop with Ctrl-C.
import { randomBytes } from "node:crypto"

const base = Number(process.env.PLANES_PORT_BASE ?? "4700")
const host = "127.0.0.1"

// Each simulator package exports a factory; ports are fixed offsets so URLs are stable between runs.
const simulators = [
  { name: "vault", pkg: "@planes/sim-vault", factory: "createVaultSimulator", offset: 0 },
  { name: "graph", pkg: "@planes/sim-graph", factory: "createGraphSimulator", offset: 1 },
  { name: "jamf", pkg: "@planes/sim-jamf", factory: "createJamfSimulator", offset: 2 },
  { name: "sccm", pkg: "@planes/sim-sccm", factory: "createSccmSimulator", offset: 3 },
  { name: "landscape", pkg: "@planes/sim-landscape", factory: "createLandscapeSimulator", offset: 4 },
  { name: "awx", pkg: "@planes/sim-awx", factory: "createAwxSimulator", offset: 5 }
]

const { serve } = await import("@planes/sim-kit")
const demoToken = `demo-${randomBytes(12).toString("hex")}`
const running = []
for (const sim of simulators) {
  let module
  try {
    module = await import(sim.pkg)
  } catch {
    continue // not built yet, or not written yet
  }
  const create = module[sim.factory]
  if (typeof create !== "function") continue
  const options = sim.name === "vault" ? { rootToken: demoToken } : {}
  const instance = create(options)
  const server = await serve(instance.app, { port: base + sim.offset, hostname: host })
  running.push({ ...sim, instance, server })
}

const vault = running.find((sim) => sim.name === "vault")
if (vault !== undefined) {
  // One credential per connector, each its own (separation of duties), generated for this run only.
  const secrets = ["intune", "jamf", "sccm", "landscape", "ansible"].map((plane) => ({
    path: `secret/planes/${plane}`,
    data: { client_secret: randomBytes(18).toString("base64url") }
  }))
  vault.instance.seed({ secrets })
}

console.log("planes simulators:")
for (const sim of running) console.log(`  ${sim.name.padEnd(10)} ${sim.server.url}`)
if (vault !== undefined) {
  console.log(`\nVault root token for this run: ${demoToken}`)
  console.log("Try:")
  console.log(`  curl -s -H "X-Vault-Token: ${demoToken}" ${vault.server.url}/v1/secret/data/planes/intune`)
  console.log(`  curl -s ${vault.server.url}/_sim/journal`)
}
console.log("\nStop with Ctrl-C.")

const stop = async () => {
  await Promise.all(running.map((sim) => sim.server.close()))
  process.exit(0)
}
process.on("SIGINT", stop)
process.on("SIGTERM", stop)
