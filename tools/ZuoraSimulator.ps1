<#
    Starts and steers the ZuoraJobs simulator (src/ZuoraJobs.Simulator) as a child process, for the Pester tests and
    the Demo task of build.ps1. Dot-source it:

        . ./tools/ZuoraSimulator.ps1
        $sim = Start-ZuoraSimulator -Configuration Release
        try { Connect-Zuora -BaseUri $sim.BaseUri -Credential $sim.Credential } finally { Stop-ZuoraSimulator $sim }

    The simulator listens on port 0, so the system picks a free loopback port and nothing can race for it; the
    address and the OAuth client it accepts are read from the first lines it prints.
#>

function Find-ZuoraSimulatorAssembly {
    <# The built simulator: the given configuration first, then Debug, then Release; $null when none is built. #>
    param([string]$Configuration)

    $root = Split-Path -Parent $PSScriptRoot
    $configurations = @($Configuration, 'Debug', 'Release') | Where-Object { $_ } | Select-Object -Unique
    foreach ($candidate in $configurations) {
        $path = Join-Path $root "src/ZuoraJobs.Simulator/bin/$candidate/net10.0/ZuoraJobs.Simulator.dll"
        if (Test-Path -LiteralPath $path) {
            return $path
        }
    }

    return $null
}

function Start-ZuoraSimulator {
    <#
        Starts the simulator on a free port of 127.0.0.1 and waits until it listens. Returns an object with BaseUri,
        ClientId, ClientSecret, Credential, Process and LogPath; give it to Stop-ZuoraSimulator when done.
        -ArgumentList adds simulator options such as '--seed', '7' or '--polls', '3'.
    #>
    param(
        [string]$Configuration = $env:ZUORAJOBS_CONFIGURATION,
        [string[]]$ArgumentList = @(),
        [double]$TimeoutSec = 30
    )

    $assembly = Find-ZuoraSimulatorAssembly -Configuration $Configuration
    if (-not $assembly) {
        throw 'The simulator is not built. Run ''dotnet build Zuora.PowerShell.sln'' (or ./build.ps1 -Task Build) first.'
    }

    $stem = Join-Path ([System.IO.Path]::GetTempPath()) ("zuorajobs-simulator-{0}" -f [guid]::NewGuid().ToString('N').Substring(0, 8))
    $logPath = "$stem.log"
    $errorPath = "$stem.err.log"
    $arguments = @("`"$assembly`"", '--urls', 'http://127.0.0.1:0') + $ArgumentList
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru -NoNewWindow `
        -RedirectStandardOutput $logPath -RedirectStandardError $errorPath

    $simulator = [pscustomobject]@{
        BaseUri      = $null
        ClientId     = $null
        ClientSecret = $null
        Credential   = $null
        Process      = $process
        LogPath      = $logPath
        ErrorPath    = $errorPath
    }

    try {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        while ($null -eq $simulator.ClientSecret) {
            if ($process.HasExited) {
                throw "The simulator exited with code $($process.ExitCode): $(Get-Content -Raw -LiteralPath $errorPath)"
            }

            if ([DateTime]::UtcNow -gt $deadline) {
                throw "The simulator did not start within $TimeoutSec seconds; its output is in $logPath."
            }

            Start-Sleep -Milliseconds 50
            $text = Get-Content -Raw -LiteralPath $logPath -ErrorAction SilentlyContinue
            if ($text -match 'listening on (http://\S+?)/?\r?\n[\s\S]*client_id\s+= (\S+)\r?\n\s*client_secret = (\S+)') {
                $simulator.BaseUri = $Matches[1]
                $simulator.ClientId = $Matches[2]
                $simulator.ClientSecret = $Matches[3]
            }
        }

        $secret = ConvertTo-SecureString -String $simulator.ClientSecret -AsPlainText -Force
        $simulator.Credential = [pscredential]::new($simulator.ClientId, $secret)
        return $simulator
    }
    catch {
        Stop-ZuoraSimulator -Simulator $simulator
        throw
    }
}

function Stop-ZuoraSimulator {
    <# Stops the simulator process (safe to call twice, or with $null) and removes its log files. #>
    param([AllowNull()][object]$Simulator)

    if ($null -eq $Simulator) {
        return
    }

    if ($Simulator.Process -and -not $Simulator.Process.HasExited) {
        Stop-Process -Id $Simulator.Process.Id -Force -ErrorAction SilentlyContinue
        $null = $Simulator.Process.WaitForExit(5000)
    }

    Remove-Item -LiteralPath $Simulator.LogPath, $Simulator.ErrorPath -ErrorAction SilentlyContinue
}

function Invoke-ZuoraSimulatorControl {
    <# Calls the simulator's control surface under /__sim/ (see src/ZuoraJobs.Simulator/README.md). #>
    param(
        [Parameter(Mandatory)][object]$Simulator,
        [Parameter(Mandatory)][string]$Path,
        [string]$Method = 'Get',
        [object]$Body
    )

    $request = @{ Method = $Method; Uri = "$($Simulator.BaseUri)/__sim/$Path" }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $request.ContentType = 'application/json'
        $request.Body = ConvertTo-Json -InputObject $Body -Depth 10 -Compress
    }

    Invoke-RestMethod @request
}
