<#
    The guided tour run by `./build.ps1 -Task Demo`: the module against a local Zuora simulator, from connecting to
    reading a failed job's error. It needs the module laid out in out/ZuoraJobs and the simulator built (the Demo task
    builds both first). The simulator stops when the tour ends, fails or is interrupted with Ctrl+C.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$ModuleManifest,
    [string]$Configuration = 'Release',
    [ValidateRange(10, 300)][int]$OrderCount = 36
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
. (Join-Path $PSScriptRoot 'ZuoraSimulator.ps1')

function Write-Step {
    param([Parameter(Mandatory)][string]$Title, [string[]]$Text = @())

    Write-Host ''
    Write-Host $Title -ForegroundColor Green
    foreach ($line in $Text) {
        Write-Host "  $line"
    }
}

function Write-Command {
    <#
        Shows a command as it would be typed at the prompt, before its output; further lines are shown as the
        prompt's continuation lines, which keeps long pipelines within 80 columns.
    #>
    param([Parameter(Mandatory)][string[]]$Line)

    Write-Host ''
    Write-Host "PS> $($Line[0])" -ForegroundColor Yellow
    foreach ($continuation in $Line | Select-Object -Skip 1) {
        Write-Host ">>     $continuation" -ForegroundColor Yellow
    }
}

function New-DemoOrder {
    <#
        Outputs $Count order bodies for POST /v1/async/orders, as a user's own function would build them from a CSV.
        The simulator is steered through each order's custom fields: every ninth order fails with a declined payment
        and every seventh takes about six seconds; the others finish within a few polls. Orders cycle over twelve
        accounts, have one or two subscriptions (some pending activation) and a few line items.
    #>
    param([Parameter(Mandatory)][int]$Count)

    $today = [DateTime]::Today.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture)
    for ($i = 1; $i -le $Count; $i++) {
        $orderNumber = 'O-{0:D8}' -f (1000 + $i)
        $custom = @{ SimPolls__c = $i % 3 }
        if ($i % 9 -eq 0) {
            $custom.SimOutcome__c = 'Failed'
            $custom.SimErrors__c = "Order ${orderNumber}: the payment was declined (card expired)."
        }
        elseif ($i % 7 -eq 0) {
            $custom.SimDurationMs__c = 6000
        }

        $activation = @()
        if ($i % 4 -eq 0) {
            # A service activation date still to come leaves the subscription Pending Activation.
            $activation = @(@{ name = 'ServiceActivation' })
        }

        $subscriptions = @(@{ orderActions = @(@{ type = 'CreateSubscription'; triggerDates = $activation }) })
        if ($i % 2 -eq 0) {
            $subscriptions += @{ orderActions = @(@{ type = 'CreateSubscription' }) }
        }

        @{
            orderDate             = $today
            orderNumber           = $orderNumber
            existingAccountNumber = 'A{0:D8}' -f (($i % 12) + 1)
            subscriptions         = $subscriptions
            orderLineItems        = @(
                @{ itemName = 'Onboarding'; amountPerUnit = 150; quantity = 1 },
                @{ itemName = 'Hardware kit'; amountPerUnit = 49.5; quantity = ($i % 4) + 1 }
            )
            processingOptions     = @{ runBilling = $true; collectPayment = $true }
            customFields          = $custom
        }
    }
}

$simulator = $null
try {
    Write-Step 'Step 1 of 6: start a local Zuora' @(
        'The ZuoraJobs simulator answers like Zuora''s REST API, on this machine',
        'only, so nothing here touches a real tenant.')
    $simulator = Start-ZuoraSimulator -Configuration $Configuration
    Write-Host "  Listening on $($simulator.BaseUri); it stops when the demo ends."

    Write-Step 'Step 2 of 6: import the module and connect' @(
        'Against Zuora you would pass -Environment (for example USProduction)',
        'and a credential holding your OAuth client ID and secret.')
    $credential = $simulator.Credential
    Write-Command 'Import-Module ./out/ZuoraJobs/ZuoraJobs.psd1'
    Import-Module $ModuleManifest -Force
    Write-Command "Connect-Zuora -BaseUri $($simulator.BaseUri) -Credential `$credential"
    Connect-Zuora -BaseUri $simulator.BaseUri -Credential $credential
    Write-Command 'Get-ZuoraContext'
    Get-ZuoraContext | Out-Host

    Write-Step "Step 3 of 6: start $OrderCount orders asynchronously" @(
        'Zuora answers an async order at once with a job ID and processes the',
        'order in the background. Each order carries an Idempotency-Key (here',
        'its order number), so a retry or a rerun never creates it twice.',
        'Some of these orders will fail (a declined payment) and some are slow.')
    Write-Command "`$orders = New-DemoOrder -Count $OrderCount |", 'Start-ZuoraOrder -IdempotencyKeyProperty orderNumber'
    $orders = @(New-DemoOrder -Count $OrderCount | Start-ZuoraOrder -IdempotencyKeyProperty orderNumber)
    Write-Command '$orders | Select-Object -First 3'
    $orders | Select-Object -First 3 | Out-Host

    Write-Step 'Step 4 of 6: wait for every job' @(
        'Get-ZuoraAsyncJob reads each job once; Wait-ZuoraAsyncJob polls the',
        'unfinished ones (a progress bar shows how many are left) and writes',
        'each job as it finishes. A failed job also gets an error record,',
        'collected here in $failures instead of stopping the pipeline.')
    Write-Command '$jobs = $orders | Get-ZuoraAsyncJob |', 'Wait-ZuoraAsyncJob -ErrorVariable failures -ErrorAction SilentlyContinue'
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $jobs = @($orders | Get-ZuoraAsyncJob | Wait-ZuoraAsyncJob -ErrorVariable failures -ErrorAction SilentlyContinue)
    $clock.Stop()
    Write-Host ('  {0} jobs finished in {1:N1} s.' -f $jobs.Count, $clock.Elapsed.TotalSeconds)
    Write-Command '$jobs | Group-Object Status -NoElement'
    $jobs | Group-Object Status -NoElement | Format-Table | Out-Host
    Write-Command '$jobs | Select-Object -First 5'
    $jobs | Select-Object -First 5 | Out-Host

    Write-Step 'Step 5 of 6: subscriptions and line items' @(
        'Each job carries typed objects (decimal amounts, arrays of numbers),',
        'so ordinary pipelines filter and format them.')
    Write-Command "`$jobs.Subscriptions | Where-Object Status -eq 'Pending Activation' |", 'Select-Object -First 5'
    $jobs.Subscriptions | Where-Object Status -eq 'Pending Activation' | Select-Object -First 5 | Out-Host
    Write-Host ''
    Write-Host '  One customer''s orders, what they paid, and the line items they bought:'
    Write-Command "`$jobs | Where-Object AccountNumber -eq 'A00000004' |", 'Format-Table OrderNumber, Status, PaidAmount, InvoiceNumbers'
    $jobs | Where-Object AccountNumber -eq 'A00000004' | Format-Table OrderNumber, Status, PaidAmount, InvoiceNumbers | Out-Host
    Write-Command "`$jobs.OrderLineItems | Where-Object AccountNumber -eq 'A00000004' |", 'Format-Table OrderNumber, ItemNumber, Id'
    $jobs.OrderLineItems | Where-Object AccountNumber -eq 'A00000004' | Format-Table OrderNumber, ItemNumber, Id | Out-Host

    Write-Step 'Step 6 of 6: a failed job and its error' @(
        "$($failures.Count) jobs failed. Each error record has the job as its target,",
        "Zuora's message, and an ID that scripts can match on:",
        '$_.FullyQualifiedErrorId -like ''AsyncJobFailed,*''')
    if ($failures.Count -gt 0) {
        Write-Command '$failures[0].Exception.Message'
        $failures[0].Exception.Message | Out-Host
        Write-Command '$failures[0].FullyQualifiedErrorId'
        $failures[0].FullyQualifiedErrorId | Out-Host
        Write-Command '$failures[0].TargetObject | Format-List JobId, Status, Errors'
        $failures[0].TargetObject | Format-List JobId, Status, Errors | Out-Host
    }

    Write-Step 'Done.' @(
        'Next: Get-Help Wait-ZuoraAsyncJob -Examples, Get-Help about_ZuoraJobs,',
        'and the simulator''s README (src/ZuoraJobs.Simulator) for faults to try.')
}
finally {
    if ($simulator) {
        Write-Host ''
        Write-Host 'Stopping the simulator.'
        Stop-ZuoraSimulator -Simulator $simulator
    }

    if (Get-Module -Name ZuoraJobs) {
        Disconnect-Zuora
    }
}
