# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Write-Host `
    "hello"
COPY C:\src\app C:\app
WORKDIR C:\app
ENV A=1 B="two words" C=${A:-x}${B:+y}
CMD ["app.exe"]
