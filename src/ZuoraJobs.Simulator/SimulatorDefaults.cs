namespace ZuoraJobs.Simulator;

/// <summary>Credentials every simulator accepts unless <see cref="SimulatorOptions.Clients"/> is cleared.</summary>
public static class SimulatorDefaults
{
    /// <summary>Default OAuth client id; 36 characters because Zuora client ids are.</summary>
    public const string ClientId = "5f1c2f9e-0c7b-4a63-9a51-0d2d4c1b7e21";

    /// <summary>Default OAuth client secret paired with <see cref="ClientId"/>.</summary>
    public const string ClientSecret = "sim-secret-5Qk8vR2nW7xZ3pL9";
}
