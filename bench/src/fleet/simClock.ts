/** Moves a simulator's clock forward through its admin API (`POST /_sim/clock/advance`), so devices report. */
export const advanceSimClock = async (url: string, ms: number): Promise<void> => {
  const response = await fetch(`${url}/_sim/clock/advance`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ms })
  })
  if (!response.ok) throw new Error(`clock advance: ${response.status} ${await response.text()}`)
}
