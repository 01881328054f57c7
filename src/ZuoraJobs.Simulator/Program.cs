using ZuoraJobs.Simulator;

return await SimulatorProgram.RunAsync(args);
