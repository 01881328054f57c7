@{
    RootModule           = 'ZuoraJobs.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'e34c1564-44ac-4c89-9024-9c0c0786d36b'
    Author               = 'ZuoraJobs contributors'
    CompanyName          = 'ZuoraJobs'
    Copyright            = '(c) ZuoraJobs contributors. MIT License.'
    Description          = 'Start, check and wait on Zuora asynchronous order jobs (POST /v1/async/orders, GET /v1/async-jobs/{jobId}) from PowerShell: each order submitted exactly once with an Idempotency-Key, typed job, order line item and subscription objects, OAuth client credentials, retries that respect Zuora''s limits.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    # Not enforced by Windows PowerShell: this nested module, imported before the root module, checks it.
    NestedModules        = @('ZuoraJobs.Requirements.psm1')
    FormatsToProcess     = @('ZuoraJobs.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Zuora'
        'Disconnect-Zuora'
        'Get-ZuoraContext'
        'Get-ZuoraAsyncJob'
        'Wait-ZuoraAsyncJob'
        'Start-ZuoraOrder'
        'Start-ZuoraOrderPreview'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Zuora', 'Billing', 'Orders', 'AsyncJob', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/zuorajobs/ZuoraJobs'
            LicenseUri   = 'https://github.com/zuorajobs/ZuoraJobs/blob/main/LICENSE'
            ReleaseNotes = 'First release: Connect-Zuora, Get-ZuoraContext, Disconnect-Zuora, Start-ZuoraOrder, Start-ZuoraOrderPreview, Get-ZuoraAsyncJob, Wait-ZuoraAsyncJob.'
        }
    }
}
