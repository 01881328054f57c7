#Requires -Version 5.1
<#
    Orders sent again from a new process: the restart-safe runbook pattern (-IdempotencyKeyProperty) across two pwsh
    processes, and across a process killed half-way through its orders. Each process is a real pwsh -File run of a
    small runbook written to TestDrive; the simulator (started by Common.ps1) counts the jobs really created.

        Invoke-Pester ./tests/Pester/Restart.Tests.ps1 -Output Detailed
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $pwsh = (Get-Process -Id $PID).Path

    # The runbook: hashtable orders with nested hashtables (whose key order .NET randomises per process), keyed by
    # their order number, one "OrderNumber JobId" line per submission.
    $runbook = Join-Path $TestDrive 'Send-Orders.ps1'
    Set-Content -LiteralPath $runbook -Value @'
param([string]$Manifest, [string]$BaseUri, [string]$ClientId, [string]$Secret, [string]$Prefix, [int]$Count, [int]$ThrottleLimit = 8)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$credential = [pscredential]::new($ClientId, (ConvertTo-SecureString $Secret -AsPlainText -Force))
Connect-Zuora -BaseUri $BaseUri -Credential $credential -RetryIntervalSec 0.05 -ThrottleLimit $ThrottleLimit
1..$Count | ForEach-Object {
    @{
        orderDate             = '2026-11-23'
        orderNumber           = "$Prefix-$_"
        existingAccountNumber = "A$_"
        description           = "line $_ of $Count"
        customFields          = @{ Channel__c = 'Runbook'; Batch__c = $Prefix; Line__c = $_; Weight__c = 0.1 * $_ }
        subscriptions         = @(@{
            orderActions = @(@{ type = 'CreateSubscription'; triggerDates = @(@{ name = 'ContractEffective'; triggerDate = '2026-11-23' }) })
            customFields = @{ Region__c = 'EU'; Tier__c = 'Gold'; Seats__c = 10 + $_ }
        })
    }
} | Start-ZuoraOrder -IdempotencyKeyProperty orderNumber | ForEach-Object { "$($_.OrderNumber) $($_.JobId)" }
'@

    function Get-RunbookArguments([string]$Prefix, [int]$Count, [int]$ThrottleLimit = 8) {
        @('-NoProfile', '-NonInteractive', '-File', $runbook, '-Manifest', $manifest, '-BaseUri', $baseUri,
            '-ClientId', $clientId, '-Secret', $clientSecret, '-Prefix', $Prefix, '-Count', $Count, '-ThrottleLimit', $ThrottleLimit)
    }

    function Invoke-Runbook([string]$Prefix, [int]$Count) {
        $stderr = Join-Path $TestDrive "$Prefix-$([guid]::NewGuid().ToString('N')).err"
        $lines = & $pwsh @(Get-RunbookArguments $Prefix $Count) 2> $stderr
        [pscustomobject]@{
            ExitCode = $LASTEXITCODE
            Jobs     = ConvertTo-JobTable $lines
            Errors   = (Get-Content -Raw -LiteralPath $stderr -ErrorAction SilentlyContinue) + ''
        }
    }

    function ConvertTo-JobTable([string[]]$Lines) {
        $table = @{}
        foreach ($line in $Lines) {
            if ($line -match '^(\S+) (\S+)$') { $table[$Matches[1]] = $Matches[2] }
        }
        $table
    }

    function Get-CreatedCounts([string]$Prefix) {
        $stats = Invoke-ZuoraSimulatorControl -Simulator $simulator -Path 'stats'
        $counts = @{}
        foreach ($property in $stats.jobsCreatedByOrderNumber.PSObject.Properties) {
            if ($property.Name.StartsWith("$Prefix-")) { $counts[$property.Name] = [int]$property.Value }
        }
        $counts
    }

    $run = [guid]::NewGuid().ToString('N').Substring(0, 8)
}

AfterAll {
    Stop-ZuoraSimulator $simulator
    Remove-Module ZuoraJobs -ErrorAction SilentlyContinue
}

Describe 'Orders sent again from a new process' {
    AfterEach { Clear-SimFaults }

    It 'creates each order once when a second pwsh sends the same hashtables with -IdempotencyKeyProperty' {
        $prefix = "TWICE-$run"
        $first = Invoke-Runbook $prefix 12
        $second = Invoke-Runbook $prefix 12

        $first.Errors | Should -BeNullOrEmpty
        $second.Errors | Should -BeNullOrEmpty
        $first.ExitCode | Should -Be 0
        $second.ExitCode | Should -Be 0
        $first.Jobs.Count | Should -Be 12
        foreach ($number in $first.Jobs.Keys) { $second.Jobs[$number] | Should -Be $first.Jobs[$number] -Because $number }
        $created = Get-CreatedCounts $prefix
        $created.Count | Should -Be 12
        $created.Values | ForEach-Object { $_ | Should -Be 1 }
    }

    It 'creates exactly 200 orders when a run is killed half-way and run again in a new process' {
        $prefix = "KILLED-$run"
        # Every POST is slow, and a quarter of them are committed at once with their answer held back: at the kill
        # some orders exist that the runbook never reported.
        $held = @{ fault = @{ kind = 'CommitThenLoseResponse'; loss = 'SlowResponse'; latencyMs = 400; endpoints = 'CreateOrder' }; probability = 0.25 }
        $slow = @{ fault = @{ kind = 'Latency'; latencyMs = 30; latencyMaxMs = 90; endpoints = 'CreateOrder' }; probability = 1 }
        $null = Invoke-ZuoraSimulatorControl -Simulator $simulator -Path 'faults' -Method Post -Body $held
        $null = Invoke-ZuoraSimulatorControl -Simulator $simulator -Path 'faults' -Method Post -Body $slow

        $stdout = Join-Path $TestDrive "$prefix.out"
        $stderr = Join-Path $TestDrive "$prefix.err"
        $child = Start-Process -FilePath $pwsh -ArgumentList (Get-RunbookArguments $prefix 200 2) -PassThru `
            -RedirectStandardOutput $stdout -RedirectStandardError $stderr
        try {
            # Killed (SIGKILL on Linux, TerminateProcess on Windows) once some orders exist and more are in flight.
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not $child.HasExited -and (Get-CreatedCounts $prefix).Count -lt 60 -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 20
            }
            $child.HasExited | Should -BeFalse -Because 'the runbook must still be sending when it is killed'
            $child.Kill()
            $child.WaitForExit()
        }
        finally {
            if (-not $child.HasExited) { $child.Kill() }
        }
        $killed = ConvertTo-JobTable (Get-Content -LiteralPath $stdout)
        $createdBefore = (Get-CreatedCounts $prefix).Count

        $rerun = Invoke-Runbook $prefix 200

        $rerun.Errors | Should -BeNullOrEmpty
        $rerun.ExitCode | Should -Be 0
        $createdBefore | Should -BeLessThan 200
        $createdBefore | Should -BeGreaterThan $killed.Count -Because 'some orders were created but never reported when the runbook was killed'
        $rerun.Jobs.Count | Should -Be 200
        foreach ($number in $killed.Keys) { $rerun.Jobs[$number] | Should -Be $killed[$number] -Because "$number was reported before the kill" }
        $created = Get-CreatedCounts $prefix
        $created.Count | Should -Be 200
        @($created.Values | Where-Object { $_ -ne 1 }) | Should -BeNullOrEmpty
        (@($rerun.Jobs.Values) | Sort-Object -Unique).Count | Should -Be 200
    }
}
