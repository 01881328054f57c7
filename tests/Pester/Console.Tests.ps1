#Requires -Version 5.1
<#
    What only a real console shows: the default views at 80 and 120 columns, Format-List, Select-Object
    -ExpandProperty, Export-Csv/Import-Csv, ConvertTo-Json, $PSDefaultParameterValues and the error preferences.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function Get-TableLines {
        <# The non-blank lines of $InputObject rendered by Out-String at $Width columns. #>
        param([Parameter(Mandatory)][object[]]$InputObject, [Parameter(Mandatory)][int]$Width)

        ($InputObject | Out-String -Width $Width) -split '\r?\n' | Where-Object { $_.Trim() }
    }

    function Assert-Table {
        <#
            The table fits the width, its header is one line naming $Columns in that order (nothing wrapped into a
            second header line or into letters), and there is exactly one line per object, each holding $Values of
            that object whole.
        #>
        param(
            [Parameter(Mandatory)][string[]]$Lines,
            [Parameter(Mandatory)][int]$Width,
            [Parameter(Mandatory)][string[]]$Columns,
            [Parameter(Mandatory)][object[]]$Rows
        )

        foreach ($line in $Lines) {
            $line.TrimEnd().Length | Should -BeLessOrEqual $Width -Because "'$line' must fit $Width columns"
        }

        $Lines[0].Trim() -split '\s+' | Select-Object -First $Columns.Count | Should -Be $Columns
        $Lines[1] | Should -Match '^[-\s]+$' -Because 'the header is a single line followed by its underline'
        $Lines.Count | Should -Be ($Rows.Count + 2) -Because 'each object takes one line'
        for ($i = 0; $i -lt $Rows.Count; $i++) {
            foreach ($value in $Rows[$i]) {
                $Lines[$i + 2] | Should -Match ([regex]::Escape($value))
            }
        }
    }

    Connect-Simulator
    $completed = New-SimJob -OrderNumber 'O-00001234' -AccountNumber 'A00009876'
    $failed = New-SimJob -Status Failed -Errors 'Payment declined: the card was refused by the gateway.'
    $processing = New-SimJob -Lifecycle 'Processing'
    $jobs = $completed, $failed, $processing | Get-ZuoraAsyncJob
}

AfterAll {
    Disconnect-Zuora
    Stop-ZuoraSimulator $simulator
    Remove-Module ZuoraJobs -ErrorAction SilentlyContinue
}

Describe 'Default views' {
    It 'shows a job''s ID, status, order and account whole at 80 columns' {
        $lines = Get-TableLines -InputObject $jobs -Width 80
        Assert-Table -Lines $lines -Width 80 -Columns 'JobId', 'Status', 'OrderNumber', 'AccountNumber' -Rows @(
            , @($completed, 'Completed', 'O-00001234', 'A00009876')
            , @($failed, 'Failed')
            , @($processing, 'Processing'))
    }

    It 'adds the counts, the job type and the errors at 120 columns' {
        $lines = Get-TableLines -InputObject $jobs -Width 120
        Assert-Table -Lines $lines -Width 120 -Columns 'JobId', 'Status', 'OrderNumber', 'AccountNumber', 'Subs', 'Items', 'JobType', 'Errors' -Rows @(
            , @($completed, 'Completed', 'O-00001234', 'A00009876', 'AsyncCreateOrder')
            , @($failed, 'Failed', 'Payment decl')
            , @($processing, 'Processing'))
        $lines[2] | Should -Match "$completed\s+Completed\s+O-00001234\s+A00009876\s+2\s+1\s+AsyncCreateOrder"
    }

    It 'shows the whole error text where the console has room for it' {
        $lines = Get-TableLines -InputObject $jobs -Width 160
        $lines | Where-Object { $_ -match $failed } | Should -Match 'Payment declined: the card was refused by the gateway\.'
    }

    It 'shows subscriptions with number, status, order and account at 80 columns' {
        $subscriptions = Get-ZuoraAsyncJob -JobId $completed -Expand Subscriptions
        $lines = Get-TableLines -InputObject $subscriptions -Width 80
        Assert-Table -Lines $lines -Width 80 -Columns 'SubscriptionNumber', 'Status', 'OrderNumber', 'AccountNumber' -Rows @(
            , @('SM-O-00001234-1', 'Active', 'O-00001234', 'A00009876')
            , @('SM-O-00001234-2', 'Pending Activation', 'O-00001234', 'A00009876'))
    }

    It 'adds the job ID and the owner to subscriptions at 120 columns' {
        $subscriptions = Get-ZuoraAsyncJob -JobId $completed -Expand Subscriptions
        $lines = Get-TableLines -InputObject $subscriptions -Width 120
        Assert-Table -Lines $lines -Width 120 -Columns 'SubscriptionNumber', 'Status', 'OrderNumber', 'AccountNumber', 'JobId', 'Owner' -Rows @(
            , @('SM-O-00001234-1', 'Active', $completed)
            , @('SM-O-00001234-2', 'Pending Activation', $completed))
        $lines[2] | Should -Match "$completed\s+A00009876$" -Because 'the first subscription names its owner'
    }

    It 'shows order line items with number, ID, order and account at 80 columns and adds the job ID at 120' {
        $items = Get-ZuoraAsyncJob -JobId $completed -Expand OrderLineItems
        $narrow = Get-TableLines -InputObject $items -Width 80
        Assert-Table -Lines $narrow -Width 80 -Columns 'ItemNumber', 'Id', 'OrderNumber', 'AccountNumber' -Rows @(, @('1', $items.Id, 'O-00001234', 'A00009876'))
        $wide = Get-TableLines -InputObject $items -Width 120
        Assert-Table -Lines $wide -Width 120 -Columns 'ItemNumber', 'Id', 'OrderNumber', 'AccountNumber', 'JobId' -Rows @(, @($items.Id, $completed))
    }

    It 'shows the connection as a list that fits <_> columns and holds no secret' -ForEach 80, 120 {
        $width = $_
        $text = Get-ZuoraContext | Out-String -Width $width
        foreach ($line in $text -split '\r?\n') {
            $line.TrimEnd().Length | Should -BeLessOrEqual $width
        }

        $text | Should -Match "ClientId\s+: $([regex]::Escape($clientId))"
        $text | Should -Match "BaseUri\s+: $([regex]::Escape($baseUri))"
        $text | Should -Not -Match ([regex]::Escape($clientSecret))
    }
}

Describe 'Format-List, Select-Object and conversions' {
    It 'lists every property of a job with Format-List' {
        $text = $jobs[0] | Format-List | Out-String -Width 80
        $text | Should -Match "JobId\s+: $completed"
        $text | Should -Match 'PaidAmount\s+: 250\.50'
        $text | Should -Match 'InvoiceNumbers\s+: \{INV00000042\}'
        $text | Should -Match 'RequestId\s+: [0-9a-f-]{36}'
    }

    It 'expands subscriptions and invoice numbers with Select-Object -ExpandProperty' {
        $subscriptions = $jobs[0] | Select-Object -ExpandProperty Subscriptions
        $subscriptions.SubscriptionNumber | Should -Be 'SM-O-00001234-1', 'SM-O-00001234-2'
        $subscriptions[0].PSObject.TypeNames[0] | Should -Be 'ZuoraJobs.Subscription'
        $jobs[0] | Select-Object -ExpandProperty InvoiceNumbers | Should -Be 'INV00000042'
    }

    It 'survives Export-Csv and Import-Csv, and the rows bind back to Get-ZuoraAsyncJob' {
        $csv = Join-Path $TestDrive 'jobs.csv'
        $jobs | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = Import-Csv -LiteralPath $csv
        $rows.JobId | Should -Be $completed, $failed, $processing
        $rows.Status | Should -Be 'Completed', 'Failed', 'Processing'
        $rows[0].OrderNumber | Should -Be 'O-00001234'
        [decimal]::Parse($rows[0].PaidAmount, [cultureinfo]::InvariantCulture) | Should -Be 250.50
        ($rows | Get-ZuoraAsyncJob).JobId | Should -Be $completed, $failed, $processing
    }

    It 'converts to JSON that keeps the values and the nested subscriptions' {
        $json = $jobs[0] | ConvertTo-Json -Depth 4
        $back = $json | ConvertFrom-Json
        $back.JobId | Should -Be $completed
        $back.PaidAmount | Should -Be 250.5
        $back.InvoiceNumbers | Should -Be 'INV00000042'
        $back.Subscriptions.SubscriptionNumber | Should -Be 'SM-O-00001234-1', 'SM-O-00001234-2'
        $back.Subscriptions[0].JobId | Should -Be $completed
        $json | Should -Not -Match ([regex]::Escape($clientSecret))
    }
}

Describe 'Preferences and defaults' {
    AfterEach {
        $PSDefaultParameterValues.Remove('*-ZuoraAsyncJob:Context')
        $PSDefaultParameterValues.Remove('Wait-ZuoraAsyncJob:Timeout')
        Connect-Simulator
    }

    It 'takes -Context and -Timeout from $PSDefaultParameterValues' {
        $connection = Connect-Simulator -PassThru
        Disconnect-Zuora
        $PSDefaultParameterValues['*-ZuoraAsyncJob:Context'] = $connection
        $PSDefaultParameterValues['Wait-ZuoraAsyncJob:Timeout'] = 1

        (Get-ZuoraAsyncJob -JobId $completed).Status | Should -Be 'Completed'
        $started = [DateTime]::UtcNow
        $null = Wait-ZuoraAsyncJob -JobId $processing -PollInterval 0.2 -ErrorVariable problems -ErrorAction SilentlyContinue
        ([DateTime]::UtcNow - $started).TotalSeconds | Should -BeLessThan 10
        $problems[0].FullyQualifiedErrorId | Should -Be 'AsyncJobTimeout,ZuoraJobs.Cmdlets.WaitZuoraAsyncJobCommand'
    }

    It 'stops the pipeline at the first bad ID with -ErrorAction Stop, and catch sees the error record' {
        $caught = $null
        $output = @()
        try {
            'not-a-job-id', $completed | Get-ZuoraAsyncJob -ErrorAction Stop | ForEach-Object { $output += $_ }
        }
        catch {
            $caught = $_
        }

        $caught.FullyQualifiedErrorId | Should -Be 'InvalidJobId,ZuoraJobs.Cmdlets.GetZuoraAsyncJobCommand'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.TargetObject | Should -Be 'not-a-job-id'
        $output | Should -BeNullOrEmpty
    }

    It 'honours $ErrorActionPreference = ''Stop'' like -ErrorAction Stop' {
        $ErrorActionPreference = 'Stop'
        { Wait-ZuoraAsyncJob -JobId $failed -Timeout 10 } | Should -Throw -ErrorId 'AsyncJobFailed,ZuoraJobs.Cmdlets.WaitZuoraAsyncJobCommand'
    }

    It 'collects errors of several calls with -ErrorVariable +name and keeps going' {
        $missing = [guid]::NewGuid().ToString()
        $found = @(Get-ZuoraAsyncJob -JobId 'bad-1', $completed -ErrorVariable problems -ErrorAction SilentlyContinue)
        $found += Get-ZuoraAsyncJob -JobId $missing -ErrorVariable +problems -ErrorAction SilentlyContinue
        $found.JobId | Should -Be $completed
        $problems.Count | Should -Be 2
        $problems.FullyQualifiedErrorId | Should -Be 'InvalidJobId,ZuoraJobs.Cmdlets.GetZuoraAsyncJobCommand', 'AsyncJobNotFound,ZuoraJobs.Cmdlets.GetZuoraAsyncJobCommand'
        $problems[1].TargetObject | Should -Be $missing
    }

    It 'leaves $Error untouched with -ErrorAction Ignore' {
        $before = $Error.Count
        $null = Get-ZuoraAsyncJob -JobId 'bad-2' -ErrorAction Ignore
        $Error.Count | Should -Be $before
    }
}
