#Requires -Version 5.1
<#
    Pester 5 tests of Start-ZuoraOrder and Start-ZuoraOrderPreview in the built module (out/ZuoraJobs) against the
    ZuoraJobs simulator (started by Common.ps1). Run `dotnet build Zuora.PowerShell.sln` first.

        Invoke-Pester ./tests/Pester/Orders.Tests.ps1 -Output Detailed

    The simulator is steered and counted through its control surface under /__sim/.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function Get-SimStats { Invoke-ZuoraSimulatorControl -Simulator $simulator -Path 'stats' }

    function Get-CreatedCount([string]$OrderNumber) {
        # Strict-mode safe: an order number the simulator never saw has no property at all.
        $count = (Get-SimStats).jobsCreatedByOrderNumber.PSObject.Properties[$OrderNumber]
        if ($count) { [int]$count.Value } else { 0 }
    }

    function ConvertTo-TestOrder {
        <# The kind of function a user writes: a CSV row becomes an order hashtable. #>
        process {
            @{
                orderDate             = $_.OrderDate
                orderNumber           = $_.OrderNumber
                existingAccountNumber = $_.AccountNumber
                subscriptions         = @(@{ orderActions = @(@{ type = 'CreateSubscription' }) })
                customFields          = @{ Channel__c = $_.Channel }
            }
        }
    }

    $run = [guid]::NewGuid().ToString('N').Substring(0, 8)
    Connect-Zuora -BaseUri $baseUri -Credential $credential -RetryIntervalSec 0.01
}

AfterAll {
    Stop-ZuoraSimulator $simulator
    Remove-Module ZuoraJobs -ErrorAction SilentlyContinue
}

Describe 'Start-ZuoraOrder' {
    It 'is exported with its preview twin and declares its output type' {
        (Get-Command Start-ZuoraOrder).OutputType.Name | Should -Be 'ZuoraJobs.AsyncOrderSubmission'
        (Get-Command Start-ZuoraOrderPreview).OutputType.Name | Should -Be 'ZuoraJobs.AsyncOrderSubmission'
    }

    It '-WhatIf sends nothing and says what it would send, without secrets' {
        $number = "WHATIF-$run"
        $exe = (Get-Process -Id $PID).Path
        $script = "Import-Module '$manifest'; " +
            "Connect-Zuora -BaseUri $baseUri -Credential ([pscredential]::new('$clientId', (ConvertTo-SecureString '$clientSecret' -AsPlainText -Force))); " +
            "Start-ZuoraOrder @{ orderDate = '2026-11-23'; orderNumber = '$number'; existingAccountNumber = 'A-1' } -ReturnIds -IdempotencyKey k-$run -WhatIf"
        $text = (& $exe -NoProfile -NonInteractive -Command $script 2>&1 | Out-String) -replace '\s+', ' '

        $text | Should -Match ([regex]::Escape("Create the order asynchronously: POST $baseUri/v1/async/orders?returnIds=true"))
        $text | Should -Match ([regex]::Escape("order $number for account A-1"))
        $text | Should -Match ([regex]::Escape("Idempotency-Key 'k-$run'"))
        $text | Should -Not -Match ([regex]::Escape($clientSecret))
        $text | Should -Not -Match 'Bearer'
        Get-CreatedCount $number | Should -Be 0
    }

    It '-Confirm:$false submits without asking' {
        $number = "CONFIRM-$run"
        $submission = Start-ZuoraOrder @{ orderDate = '2026-11-23'; orderNumber = $number } -Confirm:$false
        $submission.OrderNumber | Should -Be $number
        Get-CreatedCount $number | Should -Be 1
    }

    It 'takes rows from Import-Csv through a small function, and a rerun with the same keys creates nothing new' {
        $csv = Join-Path ([System.IO.Path]::GetTempPath()) "orders-$run.csv"
        @(
            [pscustomobject]@{ OrderDate = '2026-11-23'; OrderNumber = "CSV-$run-1"; AccountNumber = 'A00000001'; Channel = 'Web' }
            [pscustomobject]@{ OrderDate = '2026-11-23'; OrderNumber = "CSV-$run-2"; AccountNumber = 'A00000002'; Channel = 'Partner' }
            [pscustomobject]@{ OrderDate = '2026-11-23'; OrderNumber = "CSV-$run-3"; AccountNumber = 'A00000003'; Channel = 'Web' }
        ) | Export-Csv -LiteralPath $csv -NoTypeInformation
        try {
            $first = Import-Csv -LiteralPath $csv | ConvertTo-TestOrder | Start-ZuoraOrder -IdempotencyKeyProperty OrderNumber
            $again = Import-Csv -LiteralPath $csv | ConvertTo-TestOrder | Start-ZuoraOrder -IdempotencyKeyProperty OrderNumber
        }
        finally {
            Remove-Item -LiteralPath $csv
        }

        $first.OrderNumber | Should -Be @("CSV-$run-1", "CSV-$run-2", "CSV-$run-3")
        $first.AccountNumber | Should -Be @('A00000001', 'A00000002', 'A00000003')
        $first.IdempotencyKey | Should -Be @("CSV-$run-1", "CSV-$run-2", "CSV-$run-3")
        $again.JobId | Should -Be $first.JobId
        1..3 | ForEach-Object { Get-CreatedCount "CSV-$run-$_" | Should -Be 1 }
    }

    It 'pipes into Wait-ZuoraAsyncJob, which waits on each job by its JobId' {
        $jobs = 1..3 | ForEach-Object { @{ orderDate = '2026-11-23'; orderNumber = "WAIT-$run-$_"; subscriptions = @(@{}) } } |
            Start-ZuoraOrder | Wait-ZuoraAsyncJob -PollInterval 0.1 -Timeout 60
        @($jobs).Count | Should -Be 3
        $jobs | ForEach-Object { $_.Status | Should -Be 'Completed' }
        ($jobs.OrderNumber | Sort-Object) | Should -Be @("WAIT-$run-1", "WAIT-$run-2", "WAIT-$run-3")
        $jobs[0].Subscriptions.Count | Should -Be 1
    }

    It 'previews with Start-ZuoraOrderPreview and waits for the preview job' {
        $job = '{"orderDate":"2026-11-23","previewOptions":{"previewThruType":"SpecificDate","specificPreviewThruDate":"2026-12-31","previewTypes":["BillingDocs"]},"subscriptions":[{"orderActions":[{"type":"CreateSubscription"}]}]}' |
            Start-ZuoraOrderPreview -SummarizeInvoiceItem | Wait-ZuoraAsyncJob -PollInterval 0.1 -Timeout 60
        $job.JobType | Should -Be 'AsyncPreviewOrder'
        @($job.Invoices).Count | Should -BeGreaterThan 0
    }

    It 'shows submissions in a table that fits 80 columns' {
        $submission = Start-ZuoraOrder @{ orderDate = '2026-11-23'; orderNumber = "V-$run"; existingAccountNumber = 'A00000001' }
        $lines = ($submission | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $lines[0] | Should -Match '^JobId\s+OrderNumber\s+Account\s+Op\s+Accepted\s*$'
        $lines[2] | Should -Match ('^' + [regex]::Escape($submission.JobId) + ' V-' + $run + '\s+A00000001\s+Create\s+\d\d:\d\d:\d\d\s*$')
    }

    It 'survives an answer lost after Zuora committed the order, creating it once' {
        $number = "LOST-$run"
        $fault = @{ fault = @{ kind = 'CommitThenLoseResponse'; loss = 'BadGateway'; endpoints = 'CreateOrder' }; count = 1 }
        $null = Invoke-ZuoraSimulatorControl -Simulator $simulator -Path 'faults' -Method Post -Body $fault

        $submission = Start-ZuoraOrder @{ orderDate = '2026-11-23'; orderNumber = $number }
        $submission.Attempts | Should -Be 2
        Get-CreatedCount $number | Should -Be 1
    }

    It 'refuses an order without orderDate before sending it' {
        $before = (Get-SimStats).requestsByEndpoint.'POST /v1/async/orders'
        $result = @{ orderNumber = "BAD-$run" } | Start-ZuoraOrder -ErrorAction SilentlyContinue -ErrorVariable problems
        $result | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Be 'InvalidOrder,ZuoraJobs.Cmdlets.StartZuoraOrderCommand'
        $problems[0].TargetObject.orderNumber | Should -Be "BAD-$run"
        (Get-SimStats).requestsByEndpoint.'POST /v1/async/orders' | Should -Be $before
    }
}
