<#
    Shared set-up for every *.Tests.ps1 in this folder. Dot-source it from a file-level BeforeAll and stop the
    simulator in AfterAll:

        BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }
        AfterAll { Stop-ZuoraSimulator $simulator; Remove-Module ZuoraJobs -ErrorAction SilentlyContinue }

    It checks that the module is built (out/ZuoraJobs), imports it, starts the simulator (src/ZuoraJobs.Simulator,
    built in $env:ZUORAJOBS_CONFIGURATION, else Debug, else Release) on a free loopback port, and defines:
      $repoRoot, $manifest, $simulator, $baseUri, $clientId, $clientSecret, $credential, $wrongCredential
      New-SimJob, Add-SimFault, Clear-SimFaults, Get-SimPolls, Connect-Simulator
    The simulator is steered through its control surface under /__sim/ (see src/ZuoraJobs.Simulator/README.md).
#>

$repoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
$manifest = Join-Path $repoRoot 'out/ZuoraJobs/ZuoraJobs.psd1'
if (-not (Test-Path -LiteralPath $manifest)) {
    throw "The module is not built: $manifest is missing. Run 'dotnet build Zuora.PowerShell.sln' (or ./build.ps1 -Task Build) first."
}

Import-Module $manifest -Force -ErrorAction Stop
. (Join-Path $repoRoot 'tools/ZuoraSimulator.ps1')

$simulator = Start-ZuoraSimulator -ArgumentList '--seed', '7'
$baseUri = $simulator.BaseUri
$clientId = $simulator.ClientId
$clientSecret = $simulator.ClientSecret
$credential = $simulator.Credential
$wrongCredential = [pscredential]::new($clientId, (ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force))

function New-SimJob {
    <# Seeds a job through /__sim/jobs and returns its ID. #>
    param(
        [string]$Status = 'Completed',
        [string]$Errors,
        [int]$PollsBeforeCompletion = 0,
        [string[]]$Lifecycle,
        [string]$OrderNumber = 'OM-00042',
        [string]$AccountNumber = 'A00000042'
    )

    $body = @{
        status                = $Status
        pollsBeforeCompletion = $PollsBeforeCompletion
        result                = @{
            jobType        = 'AsyncCreateOrder'
            accountNumber  = $AccountNumber
            orderNumber    = $OrderNumber
            status         = 'Completed'
            paidAmount     = '250.50'
            invoiceNumbers = @('INV00000042')
            subscriptions  = @(
                @{ subscriptionNumber = "SM-$OrderNumber-1"; status = 'Active'; subscriptionOwnerNumber = $AccountNumber },
                @{ subscriptionNumber = "SM-$OrderNumber-2"; status = 'Pending Activation' }
            )
            orderLineItems = @(@{ id = ([guid]::NewGuid().ToString('N')); itemNumber = '1' })
            success        = $true
        }
    }
    if ($Errors) { $body.errors = $Errors }
    if ($Lifecycle) { $body.lifecycle = $Lifecycle }

    (Invoke-ZuoraSimulatorControl -Simulator $simulator -Path 'jobs' -Method Post -Body $body).jobId
}

function Add-SimFault {
    <# Makes the next $Count requests for a job (or any job) fail with the given fault kind. #>
    param([Parameter(Mandatory)][string]$Kind, [string]$JobId, [int]$Count = 1)

    $body = @{ fault = @{ kind = $Kind }; count = $Count }
    if ($JobId) { $body.jobId = $JobId }
    $null = Invoke-ZuoraSimulatorControl -Simulator $simulator -Path 'faults' -Method Post -Body $body
}

function Clear-SimFaults {
    $null = Invoke-ZuoraSimulatorControl -Simulator $simulator -Path 'faults' -Method Delete
}

function Get-SimPolls {
    param([Parameter(Mandatory)][string]$JobId)

    (Invoke-ZuoraSimulatorControl -Simulator $simulator -Path "jobs/$JobId").polls
}

function Connect-Simulator {
    param([int]$MaximumRetryCount = 4, [switch]$PassThru)

    Connect-Zuora -BaseUri $baseUri -Credential $credential -RetryIntervalSec 0.05 -MaximumRetryCount $MaximumRetryCount -PassThru:$PassThru
}
