<#
.SYNOPSIS
    Builds the blog and copies it to the server.
#>
param(
    [string]$Target = "user@example.org:/var/www/blog",
    [switch]$DryRun
)

$ErrorActionPreference = 'Stop'
Set-Location -Path $PSScriptRoot

# Build with Pelican.
& pelican content -o output -s publishconf.py
if ($LASTEXITCODE -ne 0) {
    Write-Error "pelican failed with code $LASTEXITCODE"
    exit 1
}

$files = Get-ChildItem -Path output -Recurse -File |
    Where-Object { $_.Extension -in '.html', '.css', '.xml' } |
    Sort-Object -Property Length -Descending

$total = ($files | Measure-Object -Property Length -Sum).Sum / 1KB
Write-Host ("{0} files, {1:N1} KB" -f $files.Count, $total) -ForegroundColor Green

foreach ($f in $files | Select-Object -First 5) {
    Write-Output "  $($f.Name) $($f.Length)"
}

function Send-Site {
    param([Parameter(Mandatory)] [string]$To)
    if ($DryRun) { Write-Host "would copy to $To"; return }
    rsync -avz --delete output/ $To
}

Send-Site -To $Target
