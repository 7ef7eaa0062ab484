/** A minimal valid win32LobApp create body: the write the capacity and overhead benchmarks send. */
export const sampleAppBody = (displayName: string) => ({
  "@odata.type": "#microsoft.graph.win32LobApp",
  displayName,
  publisher: "Contoso",
  fileName: "setup.intunewin",
  setupFilePath: "setup.exe",
  installCommandLine: "setup.exe /S",
  uninstallCommandLine: "setup.exe /uninstall /S",
  installExperience: {
    "@odata.type": "#microsoft.graph.win32LobAppInstallExperience",
    runAsAccount: "system",
    deviceRestartBehavior: "suppress"
  }
})
