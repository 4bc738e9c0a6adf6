
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'sshgen' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'sshgen'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'sshgen' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Key type; ssh-keygen''s names work too, e.g. ssh-ed25519; ed25519-sk and ecdsa-sk are made on a security key (FIDO)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Key type; ssh-keygen''s names work too, e.g. ssh-ed25519; ed25519-sk and ecdsa-sk are made on a security key (FIDO)')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521')
            [CompletionResult]::new('--bits', '--bits', [CompletionResultType]::ParameterName, 'Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Comment stored in the key, shown by services next to it [default: user@host]')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'Comment stored in the key, shown by services next to it [default: user@host]')
            [CompletionResult]::new('-N', '-N ', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--passphrase-env', '--passphrase-env', [CompletionResultType]::ParameterName, 'Read the new passphrase from the environment variable VAR')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('--rounds', '--rounds', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('-E', '-E ', [CompletionResultType]::ParameterName, 'Fingerprint hash to show')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Fingerprint hash to show')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Private key file format: openssh, pem (RSA and ECDSA, no passphrase) or pkcs8')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Private key file format: openssh, pem (RSA and ECDSA, no passphrase) or pkcs8')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Also add a Host alias for the key to ~/.ssh/config (see sshgen config add)')
            [CompletionResult]::new('--hostname', '--hostname', [CompletionResultType]::ParameterName, 'With --host: the real host name the alias stands for')
            [CompletionResult]::new('--clipboard', '--clipboard', [CompletionResultType]::ParameterName, 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system''s (Wayland, X11, macOS, Windows); native is the system''s only; osc52 asks the terminal even outside SSH')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH''s ssh-sk-helper with its USB support]')
            [CompletionResult]::new('--sk-provider', '--sk-provider', [CompletionResultType]::ParameterName, 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH''s ssh-sk-helper with its USB support]')
            [CompletionResult]::new('--application', '--application', [CompletionResultType]::ParameterName, 'Application the key is for; must begin with ssh: [default: ssh:]')
            [CompletionResult]::new('--sk-user', '--sk-user', [CompletionResultType]::ParameterName, 'With --resident: the user name stored with the key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Which security key, when several are plugged in')
            [CompletionResult]::new('--challenge', '--challenge', [CompletionResultType]::ParameterName, 'Enrolment challenge, from this file [default: random]')
            [CompletionResult]::new('--write-attestation', '--write-attestation', [CompletionResultType]::ParameterName, 'Write the security key''s attestation to FILE')
            [CompletionResult]::new('--no-passphrase', '--no-passphrase', [CompletionResultType]::ParameterName, 'Leave the private key unencrypted')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing key files without asking')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object describing the new key on stdout, and nothing else there')
            [CompletionResult]::new('--copy', '--copy', [CompletionResultType]::ParameterName, 'Copy the public key to the clipboard [default: when stdout is a terminal]')
            [CompletionResult]::new('--no-copy', '--no-copy', [CompletionResultType]::ParameterName, 'Do not copy the public key to the clipboard')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Also add the new key to the ssh-agent (see sshgen agent add)')
            [CompletionResult]::new('--resident', '--resident', [CompletionResultType]::ParameterName, 'Keep the key on the security key, so that `sshgen -K` can fetch it on another computer')
            [CompletionResult]::new('--verify-required', '--verify-required', [CompletionResultType]::ParameterName, 'Ask for the security key''s PIN or fingerprint at each use')
            [CompletionResult]::new('--no-touch-required', '--no-touch-required', [CompletionResultType]::ParameterName, 'Sign without a touch (the server must allow it: no-touch-required)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Make a new key pair (the default command)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a public key to the clipboard, ready to paste into a service''s "add SSH key" form')
            [CompletionResult]::new('fingerprint', 'fingerprint', [CompletionResultType]::ParameterValue, 'Show key fingerprints, as ssh-keygen -l [-v] [-E] [-B] does')
            [CompletionResult]::new('public', 'public', [CompletionResultType]::ParameterValue, 'Print the public key of a private key, as ssh-keygen -y does')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the key pairs in a folder (default ~/.ssh) and their problems')
            [CompletionResult]::new('passphrase', 'passphrase', [CompletionResultType]::ParameterValue, 'Add, change or remove the passphrase of a private key (ssh-keygen -p)')
            [CompletionResult]::new('comment', 'comment', [CompletionResultType]::ParameterValue, 'Change the comment of a key pair, in the private key and the .pub (ssh-keygen -c)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print a public key as RFC4716, PKCS8 or PEM for other SSH software (ssh-keygen -e)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Turn an RFC4716, PKCS8 or PEM public key into an OpenSSH .pub line (ssh-keygen -i)')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert a private key between PuTTY (.ppk), OpenSSH, PEM and PKCS8')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Say why ssh does not use a key: folder and key permissions, .pub files, config, agent, known_hosts; --fix repairs what is safe')
            [CompletionResult]::new('access-key', 'access-key', [CompletionResultType]::ParameterValue, 'An access key for a repository in one step: key, Host alias, host key, added through the host''s API and proven by a clone; rotate, label, remove and list them')
            [CompletionResult]::new('copy-id', 'copy-id', [CompletionResultType]::ParameterValue, 'Put a public key on a server, as ssh-copy-id does, from any platform')
            [CompletionResult]::new('authorized-keys', 'authorized-keys', [CompletionResultType]::ParameterValue, 'The keys a server lets in: add with sshd''s options (checked as sshd reads them), list, remove')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Host aliases in ~/.ssh/config that use one key for one host')
            [CompletionResult]::new('known-hosts', 'known-hosts', [CompletionResultType]::ParameterValue, 'Find, remove, hash and add host keys in ~/.ssh/known_hosts (ssh-keygen -F, -R, -H)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Check that a key gets in: runs ssh -T and says what happened')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign files with an SSH key (FILE.sig), as ssh-keygen -Y sign does')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a file''s SSH signature and who made it, as ssh-keygen -Y verify does')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Certify public keys with a CA key, and show certificates (ssh-keygen -s, -L)')
            [CompletionResult]::new('git-signing', 'git-signing', [CompletionResultType]::ParameterValue, 'Set git up to sign commits and tags with an SSH key, and to verify them')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Add keys to the ssh-agent, list and remove them (ssh-add)')
            [CompletionResult]::new('resident-keys', 'resident-keys', [CompletionResultType]::ParameterValue, 'Download the keys kept on a security key into key files (ssh-keygen -K)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('serve-clipboard', 'serve-clipboard', [CompletionResultType]::ParameterValue, 'Serves a clipboard selection for X11 or Wayland until another program takes it; started by sshgen itself so the text outlives the command. `native` clears the macOS or Windows clipboard later instead')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;generate' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Key type; ssh-keygen''s names work too, e.g. ssh-ed25519; ed25519-sk and ecdsa-sk are made on a security key (FIDO)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Key type; ssh-keygen''s names work too, e.g. ssh-ed25519; ed25519-sk and ecdsa-sk are made on a security key (FIDO)')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521')
            [CompletionResult]::new('--bits', '--bits', [CompletionResultType]::ParameterName, 'Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Comment stored in the key, shown by services next to it [default: user@host]')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'Comment stored in the key, shown by services next to it [default: user@host]')
            [CompletionResult]::new('-N', '-N ', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--passphrase-env', '--passphrase-env', [CompletionResultType]::ParameterName, 'Read the new passphrase from the environment variable VAR')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('--rounds', '--rounds', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('-E', '-E ', [CompletionResultType]::ParameterName, 'Fingerprint hash to show')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Fingerprint hash to show')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Private key file format: openssh, pem (RSA and ECDSA, no passphrase) or pkcs8')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Private key file format: openssh, pem (RSA and ECDSA, no passphrase) or pkcs8')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Also add a Host alias for the key to ~/.ssh/config (see sshgen config add)')
            [CompletionResult]::new('--hostname', '--hostname', [CompletionResultType]::ParameterName, 'With --host: the real host name the alias stands for')
            [CompletionResult]::new('--clipboard', '--clipboard', [CompletionResultType]::ParameterName, 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system''s (Wayland, X11, macOS, Windows); native is the system''s only; osc52 asks the terminal even outside SSH')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH''s ssh-sk-helper with its USB support]')
            [CompletionResult]::new('--sk-provider', '--sk-provider', [CompletionResultType]::ParameterName, 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH''s ssh-sk-helper with its USB support]')
            [CompletionResult]::new('--application', '--application', [CompletionResultType]::ParameterName, 'Application the key is for; must begin with ssh: [default: ssh:]')
            [CompletionResult]::new('--sk-user', '--sk-user', [CompletionResultType]::ParameterName, 'With --resident: the user name stored with the key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Which security key, when several are plugged in')
            [CompletionResult]::new('--challenge', '--challenge', [CompletionResultType]::ParameterName, 'Enrolment challenge, from this file [default: random]')
            [CompletionResult]::new('--write-attestation', '--write-attestation', [CompletionResultType]::ParameterName, 'Write the security key''s attestation to FILE')
            [CompletionResult]::new('--no-passphrase', '--no-passphrase', [CompletionResultType]::ParameterName, 'Leave the private key unencrypted')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing key files without asking')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object describing the new key on stdout, and nothing else there')
            [CompletionResult]::new('--copy', '--copy', [CompletionResultType]::ParameterName, 'Copy the public key to the clipboard [default: when stdout is a terminal]')
            [CompletionResult]::new('--no-copy', '--no-copy', [CompletionResultType]::ParameterName, 'Do not copy the public key to the clipboard')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Also add the new key to the ssh-agent (see sshgen agent add)')
            [CompletionResult]::new('--resident', '--resident', [CompletionResultType]::ParameterName, 'Keep the key on the security key, so that `sshgen -K` can fetch it on another computer')
            [CompletionResult]::new('--verify-required', '--verify-required', [CompletionResultType]::ParameterName, 'Ask for the security key''s PIN or fingerprint at each use')
            [CompletionResult]::new('--no-touch-required', '--no-touch-required', [CompletionResultType]::ParameterName, 'Sign without a touch (the server must allow it: no-touch-required)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sshgen;copy' {
            [CompletionResult]::new('--clipboard', '--clipboard', [CompletionResultType]::ParameterName, 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system''s (Wayland, X11, macOS, Windows); native is the system''s only; osc52 asks the terminal even outside SSH')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'With --private: the form to copy (converted in memory) [default: the file''s own text]')
            [CompletionResult]::new('--clear-after', '--clear-after', [CompletionResultType]::ParameterName, 'With --private: empty the clipboard after SECONDS if it still holds the key (0: never)')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the key''s passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--passphrase-env', '--passphrase-env', [CompletionResultType]::ParameterName, 'Read the key''s passphrase from the environment variable VAR')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object (key, fingerprint, how it was copied) on stdout')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Copy the private key''s text instead, for a build service''s secret field; never through the terminal (OSC 52) unless --clipboard osc52 [default key: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, id_ed25519_sk or id_ecdsa_sk]')
            [CompletionResult]::new('--decrypt', '--decrypt', [CompletionResultType]::ParameterName, 'With --private: copy an encrypted key decrypted (asks its passphrase)')
            [CompletionResult]::new('--base64', '--base64', [CompletionResultType]::ParameterName, 'With --private: the text as one base64 line, for CI variables that keep no line breaks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sshgen;fingerprint' {
            [CompletionResult]::new('-E', '-E ', [CompletionResultType]::ParameterName, 'Fingerprint hash to show')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Fingerprint hash to show')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also draw the randomart picture of each key (ssh-keygen -lv)')
            [CompletionResult]::new('--randomart', '--randomart', [CompletionResultType]::ParameterName, 'Also draw the randomart picture of each key (ssh-keygen -lv)')
            [CompletionResult]::new('-B', '-B ', [CompletionResultType]::ParameterName, 'Show the SHA-1 bubblebabble digest instead of the fingerprint (ssh-keygen -B)')
            [CompletionResult]::new('--bubblebabble', '--bubblebabble', [CompletionResultType]::ParameterName, 'Show the SHA-1 bubblebabble digest instead of the fingerprint (ssh-keygen -B)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array with one object a key on stdout, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;public' {
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the key''s passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--passphrase-env', '--passphrase-env', [CompletionResultType]::ParameterName, 'Read the key''s passphrase from the environment variable VAR')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Also (re)write FILE.pub with the public key (mode 0644, replaced atomically)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object describing the key on stdout, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;list' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array with one object a key pair on stdout, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;passphrase' {
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Current passphrase of the key; visible to other users in the process list: prefer --old-passphrase-file or --old-passphrase-env')
            [CompletionResult]::new('--old-passphrase', '--old-passphrase', [CompletionResultType]::ParameterName, 'Current passphrase of the key; visible to other users in the process list: prefer --old-passphrase-file or --old-passphrase-env')
            [CompletionResult]::new('--old-passphrase-file', '--old-passphrase-file', [CompletionResultType]::ParameterName, 'Read the current passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--old-passphrase-env', '--old-passphrase-env', [CompletionResultType]::ParameterName, 'Read the current passphrase from the environment variable VAR')
            [CompletionResult]::new('-N', '-N ', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--passphrase-env', '--passphrase-env', [CompletionResultType]::ParameterName, 'Read the new passphrase from the environment variable VAR')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('--rounds', '--rounds', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('--no-passphrase', '--no-passphrase', [CompletionResultType]::ParameterName, 'Leave the private key unencrypted')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object describing the result on stdout, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;comment' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The new comment ('''' for none)')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'The new comment ('''' for none)')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the key''s passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--passphrase-env', '--passphrase-env', [CompletionResultType]::ParameterName, 'Read the key''s passphrase from the environment variable VAR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object describing the result on stdout, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;export' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Output format: rfc4716 (SSH2, any key type), pkcs8 (BEGIN PUBLIC KEY; RSA, ECDSA), pem (BEGIN RSA PUBLIC KEY for RSA; ECDSA as PKCS8, as ssh-keygen does)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: rfc4716 (SSH2, any key type), pkcs8 (BEGIN PUBLIC KEY; RSA, ECDSA), pem (BEGIN RSA PUBLIC KEY for RSA; ECDSA as PKCS8, as ssh-keygen does)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object with the converted text on stdout, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sshgen;import' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Input format [default: recognised from the file''s BEGIN line]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Input format [default: recognised from the file''s BEGIN line]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object with the public key line on stdout, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sshgen;convert' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Format to write')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write [default: KEY.ppk for ppk; else KEY without .ppk]')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Where to write [default: KEY.ppk for ppk; else KEY without .ppk]')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Current passphrase of the key; visible to other users in the process list: prefer --old-passphrase-file or --old-passphrase-env')
            [CompletionResult]::new('--old-passphrase', '--old-passphrase', [CompletionResultType]::ParameterName, 'Current passphrase of the key; visible to other users in the process list: prefer --old-passphrase-file or --old-passphrase-env')
            [CompletionResult]::new('--old-passphrase-file', '--old-passphrase-file', [CompletionResultType]::ParameterName, 'Read the current passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--old-passphrase-env', '--old-passphrase-env', [CompletionResultType]::ParameterName, 'Read the current passphrase from the environment variable VAR')
            [CompletionResult]::new('-N', '-N ', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--passphrase-env', '--passphrase-env', [CompletionResultType]::ParameterName, 'Read the new passphrase from the environment variable VAR')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('--rounds', '--rounds', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('--ppk-version', '--ppk-version', [CompletionResultType]::ParameterName, 'PuTTY format version: 3 (PuTTY 0.75 and later) or 2 (older tools)')
            [CompletionResult]::new('--argon2-memory', '--argon2-memory', [CompletionResultType]::ParameterName, 'Argon2 memory in KiB, for --ppk-version 3 with a passphrase')
            [CompletionResult]::new('--argon2-passes', '--argon2-passes', [CompletionResultType]::ParameterName, 'Argon2 passes [default: as many as take 0.1 s, as PuTTYgen chooses]')
            [CompletionResult]::new('--argon2-parallelism', '--argon2-parallelism', [CompletionResultType]::ParameterName, 'Argon2 lanes')
            [CompletionResult]::new('--argon2-flavour', '--argon2-flavour', [CompletionResultType]::ParameterName, 'Argon2 variant')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file')
            [CompletionResult]::new('--no-passphrase', '--no-passphrase', [CompletionResultType]::ParameterName, 'Leave the private key unencrypted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sshgen;doctor' {
            [CompletionResult]::new('--fix', '--fix', [CompletionResultType]::ParameterName, 'Repair what is safe to repair without asking: permissions, missing .pub files')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object with every check on stdout, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;access-key' {
            [CompletionResult]::new('--hostname', '--hostname', [CompletionResultType]::ParameterName, 'A self-hosted server instead of the service''s own')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Its SSH port')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Its SSH port')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The SSH user [default: git]')
            [CompletionResult]::new('--host-key', '--host-key', [CompletionResultType]::ParameterName, 'The self-hosted server''s host key, ''TYPE BASE64'' (check it with its owner)')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'The Host alias [default: SERVICE-OWNER__REPO]')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Key type [default: ed25519; rsa for Azure DevOps]')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Key type [default: ed25519; rsa for Azure DevOps]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Key size in bits (RSA: 3072 or more for Azure DevOps)')
            [CompletionResult]::new('--bits', '--bits', [CompletionResultType]::ParameterName, 'Key size in bits (RSA: 3072 or more for Azure DevOps)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Private key file [default: ~/.ssh/SERVICE-OWNER__REPO]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Private key file [default: ~/.ssh/SERVICE-OWNER__REPO]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Comment, and the label to give the key on the service [default: KIND REPO on MACHINE]')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'Comment, and the label to give the key on the service [default: KIND REPO on MACHINE]')
            [CompletionResult]::new('-N', '-N ', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--passphrase-env', '--passphrase-env', [CompletionResultType]::ParameterName, 'Read the new passphrase from the environment variable VAR')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('--rounds', '--rounds', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('--clipboard', '--clipboard', [CompletionResultType]::ParameterName, 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system''s (Wayland, X11, macOS, Windows); native is the system''s only; osc52 asks the terminal even outside SSH')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'The label on the host [default: the comment]')
            [CompletionResult]::new('--ci', '--ci', [CompletionResultType]::ParameterName, 'Give the private key to the builds of this repository (OWNER/REPO): Pipelines'' key pair, an Actions secret, a GitLab file variable')
            [CompletionResult]::new('--secret-name', '--secret-name', [CompletionResultType]::ParameterName, 'The secret''s or variable''s name [default: OWNER_REPO_DEPLOY_KEY]')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'With --install, the forced command instead of git-shell')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The API''s base, when not the service''s own (https://HOST/api/v3 for GitHub Enterprise)')
            [CompletionResult]::new('--token-env', '--token-env', [CompletionResultType]::ParameterName, 'Read the API token from this variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API token from this file (- for standard input)')
            [CompletionResult]::new('--no-passphrase', '--no-passphrase', [CompletionResultType]::ParameterName, 'Leave the private key unencrypted')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Make a new key and alias even if an earlier run made them')
            [CompletionResult]::new('--copy', '--copy', [CompletionResultType]::ParameterName, 'Copy the public key to the clipboard [default: when stdout is a terminal]')
            [CompletionResult]::new('--no-copy', '--no-copy', [CompletionResultType]::ParameterName, 'Do not copy the public key to the clipboard')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Let the key push too (GitHub, GitLab, Gitea; Bitbucket''s are read-only)')
            [CompletionResult]::new('--no-upload', '--no-upload', [CompletionResultType]::ParameterName, 'Prepare only: do not add the key through the API even with a token')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not prove the key with git ls-remote after adding it')
            [CompletionResult]::new('--install', '--install', [CompletionResultType]::ParameterName, 'A plain git server (ssh USER@HOST:PATH): put the key in its authorized_keys over ssh, restricted to git-shell')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object with everything made, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Make the key and alias, add the key through the API, prove it clones (the default)')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'A new key, added and proven by a clone before the old one is deleted')
            [CompletionResult]::new('label', 'label', [CompletionResultType]::ParameterValue, 'Change the key''s label on the host (Bitbucket, GitLab)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete the key on the host, and its alias and files here')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The access keys made here; --remote adds each host''s view')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;access-key;add' {
            [CompletionResult]::new('--hostname', '--hostname', [CompletionResultType]::ParameterName, 'A self-hosted server instead of the service''s own')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Its SSH port')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Its SSH port')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The SSH user [default: git]')
            [CompletionResult]::new('--host-key', '--host-key', [CompletionResultType]::ParameterName, 'The self-hosted server''s host key, ''TYPE BASE64'' (check it with its owner)')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'The Host alias [default: SERVICE-OWNER__REPO]')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Key type [default: ed25519; rsa for Azure DevOps]')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Key type [default: ed25519; rsa for Azure DevOps]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Key size in bits (RSA: 3072 or more for Azure DevOps)')
            [CompletionResult]::new('--bits', '--bits', [CompletionResultType]::ParameterName, 'Key size in bits (RSA: 3072 or more for Azure DevOps)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Private key file [default: ~/.ssh/SERVICE-OWNER__REPO]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Private key file [default: ~/.ssh/SERVICE-OWNER__REPO]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Comment, and the label to give the key on the service [default: KIND REPO on MACHINE]')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'Comment, and the label to give the key on the service [default: KIND REPO on MACHINE]')
            [CompletionResult]::new('-N', '-N ', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--passphrase-env', '--passphrase-env', [CompletionResultType]::ParameterName, 'Read the new passphrase from the environment variable VAR')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('--rounds', '--rounds', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('--clipboard', '--clipboard', [CompletionResultType]::ParameterName, 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system''s (Wayland, X11, macOS, Windows); native is the system''s only; osc52 asks the terminal even outside SSH')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'The label on the host [default: the comment]')
            [CompletionResult]::new('--ci', '--ci', [CompletionResultType]::ParameterName, 'Give the private key to the builds of this repository (OWNER/REPO): Pipelines'' key pair, an Actions secret, a GitLab file variable')
            [CompletionResult]::new('--secret-name', '--secret-name', [CompletionResultType]::ParameterName, 'The secret''s or variable''s name [default: OWNER_REPO_DEPLOY_KEY]')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'With --install, the forced command instead of git-shell')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The API''s base, when not the service''s own (https://HOST/api/v3 for GitHub Enterprise)')
            [CompletionResult]::new('--token-env', '--token-env', [CompletionResultType]::ParameterName, 'Read the API token from this variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API token from this file (- for standard input)')
            [CompletionResult]::new('--no-passphrase', '--no-passphrase', [CompletionResultType]::ParameterName, 'Leave the private key unencrypted')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Make a new key and alias even if an earlier run made them')
            [CompletionResult]::new('--copy', '--copy', [CompletionResultType]::ParameterName, 'Copy the public key to the clipboard [default: when stdout is a terminal]')
            [CompletionResult]::new('--no-copy', '--no-copy', [CompletionResultType]::ParameterName, 'Do not copy the public key to the clipboard')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Let the key push too (GitHub, GitLab, Gitea; Bitbucket''s are read-only)')
            [CompletionResult]::new('--no-upload', '--no-upload', [CompletionResultType]::ParameterName, 'Prepare only: do not add the key through the API even with a token')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not prove the key with git ls-remote after adding it')
            [CompletionResult]::new('--install', '--install', [CompletionResultType]::ParameterName, 'A plain git server (ssh USER@HOST:PATH): put the key in its authorized_keys over ssh, restricted to git-shell')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object with everything made, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sshgen;access-key;rotate' {
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The API''s base, when not the service''s own (https://HOST/api/v3 for GitHub Enterprise)')
            [CompletionResult]::new('--token-env', '--token-env', [CompletionResultType]::ParameterName, 'Read the API token from this variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API token from this file (- for standard input)')
            [CompletionResult]::new('--keep-old', '--keep-old', [CompletionResultType]::ParameterName, 'Leave the old key on the host')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object with every step, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sshgen;access-key;label' {
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The API''s base, when not the service''s own (https://HOST/api/v3 for GitHub Enterprise)')
            [CompletionResult]::new('--token-env', '--token-env', [CompletionResultType]::ParameterName, 'Read the API token from this variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API token from this file (- for standard input)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sshgen;access-key;remove' {
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The API''s base, when not the service''s own (https://HOST/api/v3 for GitHub Enterprise)')
            [CompletionResult]::new('--token-env', '--token-env', [CompletionResultType]::ParameterName, 'Read the API token from this variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API token from this file (- for standard input)')
            [CompletionResult]::new('--keep-key', '--keep-key', [CompletionResultType]::ParameterName, 'Keep the key files')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sshgen;access-key;list' {
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The API''s base, when not the service''s own (https://HOST/api/v3 for GitHub Enterprise)')
            [CompletionResult]::new('--token-env', '--token-env', [CompletionResultType]::ParameterName, 'Read the API token from this variable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the API token from this file (- for standard input)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Ask each host which of the keys it has, and what else it has')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON array, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;access-key;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Make the key and alias, add the key through the API, prove it clones (the default)')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'A new key, added and proven by a clone before the old one is deleted')
            [CompletionResult]::new('label', 'label', [CompletionResultType]::ParameterValue, 'Change the key''s label on the host (Bitbucket, GitLab)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete the key on the host, and its alias and files here')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The access keys made here; --remote adds each host''s view')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;access-key;help;add' {
            break
        }
        'sshgen;access-key;help;rotate' {
            break
        }
        'sshgen;access-key;help;label' {
            break
        }
        'sshgen;access-key;help;remove' {
            break
        }
        'sshgen;access-key;help;list' {
            break
        }
        'sshgen;access-key;help;help' {
            break
        }
        'sshgen;copy-id' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The key to install (its .pub, or the private key beside it)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The server''s SSH port')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The server''s SSH port')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'An option for ssh, as ssh -o takes it (repeatable)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'from="PATTERNS": only from these addresses or host names (commas; !, *, CIDR)')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'command="CMD": run this, whatever the client asks')
            [CompletionResult]::new('--expiry-time', '--expiry-time', [CompletionResultType]::ParameterName, 'expiry-time="YYYYMMDD[HHMM[SS]][Z]": refused after then')
            [CompletionResult]::new('--principals', '--principals', [CompletionResultType]::ParameterName, 'principals="NAMES": with --cert-authority, the names a certificate must hold')
            [CompletionResult]::new('--permit-open', '--permit-open', [CompletionResultType]::ParameterName, 'permitopen="HOST:PORT": the only -L forwarding allowed (repeatable)')
            [CompletionResult]::new('--permit-listen', '--permit-listen', [CompletionResultType]::ParameterName, 'permitlisten="[HOST:]PORT": the only -R forwarding allowed (repeatable)')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'environment="NAME=VALUE" (sshd honours it with PermitUserEnvironment; repeatable)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Say what would be added; change nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be added; change nothing')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Install even when the key already gets in')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Install even when the key already gets in')
            [CompletionResult]::new('--restrict', '--restrict', [CompletionResultType]::ParameterName, 'restrict: no forwarding, no pty, no ~/.ssh/rc (flags after it turn one back on)')
            [CompletionResult]::new('--cert-authority', '--cert-authority', [CompletionResultType]::ParameterName, 'cert-authority: the key signs user certificates')
            [CompletionResult]::new('--no-pty', '--no-pty', [CompletionResultType]::ParameterName, 'no-pty')
            [CompletionResult]::new('--no-port-forwarding', '--no-port-forwarding', [CompletionResultType]::ParameterName, 'no-port-forwarding')
            [CompletionResult]::new('--no-agent-forwarding', '--no-agent-forwarding', [CompletionResultType]::ParameterName, 'no-agent-forwarding')
            [CompletionResult]::new('--no-x11-forwarding', '--no-x11-forwarding', [CompletionResultType]::ParameterName, 'no-X11-forwarding')
            [CompletionResult]::new('--no-user-rc', '--no-user-rc', [CompletionResultType]::ParameterName, 'no-user-rc')
            [CompletionResult]::new('--pty', '--pty', [CompletionResultType]::ParameterName, 'pty (after --restrict)')
            [CompletionResult]::new('--port-forwarding', '--port-forwarding', [CompletionResultType]::ParameterName, 'port-forwarding (after --restrict)')
            [CompletionResult]::new('--agent-forwarding', '--agent-forwarding', [CompletionResultType]::ParameterName, 'agent-forwarding (after --restrict)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;authorized-keys' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a key (default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub) with options')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys: bits, fingerprint, comment, type, and options')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove the lines of a key, named by fingerprint, key file or comment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;authorized-keys;add' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'from="PATTERNS": only from these addresses or host names (commas; !, *, CIDR)')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'command="CMD": run this, whatever the client asks')
            [CompletionResult]::new('--expiry-time', '--expiry-time', [CompletionResultType]::ParameterName, 'expiry-time="YYYYMMDD[HHMM[SS]][Z]": refused after then')
            [CompletionResult]::new('--principals', '--principals', [CompletionResultType]::ParameterName, 'principals="NAMES": with --cert-authority, the names a certificate must hold')
            [CompletionResult]::new('--permit-open', '--permit-open', [CompletionResultType]::ParameterName, 'permitopen="HOST:PORT": the only -L forwarding allowed (repeatable)')
            [CompletionResult]::new('--permit-listen', '--permit-listen', [CompletionResultType]::ParameterName, 'permitlisten="[HOST:]PORT": the only -R forwarding allowed (repeatable)')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'environment="NAME=VALUE" (sshd honours it with PermitUserEnvironment; repeatable)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The file [default: ~/.ssh/authorized_keys]')
            [CompletionResult]::new('--restrict', '--restrict', [CompletionResultType]::ParameterName, 'restrict: no forwarding, no pty, no ~/.ssh/rc (flags after it turn one back on)')
            [CompletionResult]::new('--cert-authority', '--cert-authority', [CompletionResultType]::ParameterName, 'cert-authority: the key signs user certificates')
            [CompletionResult]::new('--no-pty', '--no-pty', [CompletionResultType]::ParameterName, 'no-pty')
            [CompletionResult]::new('--no-port-forwarding', '--no-port-forwarding', [CompletionResultType]::ParameterName, 'no-port-forwarding')
            [CompletionResult]::new('--no-agent-forwarding', '--no-agent-forwarding', [CompletionResultType]::ParameterName, 'no-agent-forwarding')
            [CompletionResult]::new('--no-x11-forwarding', '--no-x11-forwarding', [CompletionResultType]::ParameterName, 'no-X11-forwarding')
            [CompletionResult]::new('--no-user-rc', '--no-user-rc', [CompletionResultType]::ParameterName, 'no-user-rc')
            [CompletionResult]::new('--pty', '--pty', [CompletionResultType]::ParameterName, 'pty (after --restrict)')
            [CompletionResult]::new('--port-forwarding', '--port-forwarding', [CompletionResultType]::ParameterName, 'port-forwarding (after --restrict)')
            [CompletionResult]::new('--agent-forwarding', '--agent-forwarding', [CompletionResultType]::ParameterName, 'agent-forwarding (after --restrict)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;authorized-keys;list' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The file [default: ~/.ssh/authorized_keys]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array, one object a key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;authorized-keys;remove' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The file [default: ~/.ssh/authorized_keys]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;authorized-keys;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a key (default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub) with options')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys: bits, fingerprint, comment, type, and options')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove the lines of a key, named by fingerprint, key file or comment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;authorized-keys;help;add' {
            break
        }
        'sshgen;authorized-keys;help;list' {
            break
        }
        'sshgen;authorized-keys;help;remove' {
            break
        }
        'sshgen;authorized-keys;help;help' {
            break
        }
        'sshgen;config' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a Host alias: HostName, User, Port, IdentityFile, IdentitiesOnly yes')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the Host blocks and the key each uses')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a Host block, keeping every other line')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;config;add' {
            [CompletionResult]::new('--hostname', '--hostname', [CompletionResultType]::ParameterName, 'The real host name')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The SSH user (git for code hosts)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The SSH port')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The SSH port')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The private key the alias uses, alone')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The private key the alias uses, alone')
            [CompletionResult]::new('-F', '-F ', [CompletionResultType]::ParameterName, 'The config file [default: ~/.ssh/config]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The config file [default: ~/.ssh/config]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an alias of that name')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;config;list' {
            [CompletionResult]::new('-F', '-F ', [CompletionResultType]::ParameterName, 'The config file [default: ~/.ssh/config]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The config file [default: ~/.ssh/config]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array with one object a Host block')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;config;remove' {
            [CompletionResult]::new('-F', '-F ', [CompletionResultType]::ParameterName, 'The config file [default: ~/.ssh/config]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The config file [default: ~/.ssh/config]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;config;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a Host alias: HostName, User, Port, IdentityFile, IdentitiesOnly yes')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the Host blocks and the key each uses')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a Host block, keeping every other line')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;config;help;add' {
            break
        }
        'sshgen;config;help;list' {
            break
        }
        'sshgen;config;help;remove' {
            break
        }
        'sshgen;config;help;help' {
            break
        }
        'sshgen;known-hosts' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Print a host''s lines, as ssh-keygen -F does')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a host''s lines, as ssh-keygen -R does (the old file kept as FILE.old)')
            [CompletionResult]::new('hash', 'hash', [CompletionResultType]::ParameterValue, 'Hash every host name, as ssh-keygen -H does')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Record a host''s key: bitbucket, github, gitlab or azure-devops by name (their published keys), or HOST --key ''TYPE BASE64''')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;known-hosts;find' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The host''s SSH port (entries for other ports read [HOST]:PORT)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The host''s SSH port (entries for other ports read [HOST]:PORT)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The known_hosts file [default: ~/.ssh/known_hosts]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The known_hosts file [default: ~/.ssh/known_hosts]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;known-hosts;remove' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The host''s SSH port (entries for other ports read [HOST]:PORT)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The host''s SSH port (entries for other ports read [HOST]:PORT)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The known_hosts file [default: ~/.ssh/known_hosts]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The known_hosts file [default: ~/.ssh/known_hosts]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;known-hosts;hash' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The known_hosts file [default: ~/.ssh/known_hosts]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The known_hosts file [default: ~/.ssh/known_hosts]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;known-hosts;add' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The host''s key, ''TYPE BASE64'', checked with its owner')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'With --scan: the fingerprint the server''s owner publishes (SHA256:...); the keys are recorded only if one of them has it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The host''s SSH port (entries for other ports read [HOST]:PORT)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The host''s SSH port (entries for other ports read [HOST]:PORT)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The known_hosts file [default: ~/.ssh/known_hosts]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The known_hosts file [default: ~/.ssh/known_hosts]')
            [CompletionResult]::new('--cert-authority', '--cert-authority', [CompletionResultType]::ParameterName, 'Record --key as a certificate authority trusted to sign the keys of the hosts HOST matches (an @cert-authority line)')
            [CompletionResult]::new('--all-hosts', '--all-hosts', [CompletionResultType]::ParameterName, 'With --cert-authority, let HOST be a pattern that matches every host (such as *)')
            [CompletionResult]::new('--scan', '--scan', [CompletionResultType]::ParameterName, 'Fetch the server''s host keys (ssh-keyscan), show their fingerprints and record them once confirmed at the terminal or by --fingerprint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;known-hosts;help' {
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Print a host''s lines, as ssh-keygen -F does')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a host''s lines, as ssh-keygen -R does (the old file kept as FILE.old)')
            [CompletionResult]::new('hash', 'hash', [CompletionResultType]::ParameterValue, 'Hash every host name, as ssh-keygen -H does')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Record a host''s key: bitbucket, github, gitlab or azure-devops by name (their published keys), or HOST --key ''TYPE BASE64''')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;known-hosts;help;find' {
            break
        }
        'sshgen;known-hosts;help;remove' {
            break
        }
        'sshgen;known-hosts;help;hash' {
            break
        }
        'sshgen;known-hosts;help;add' {
            break
        }
        'sshgen;known-hosts;help;help' {
            break
        }
        'sshgen;test' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The key to offer first, without the agent''s keys; the test fails if another key gets in')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The key to offer first, without the agent''s keys; the test fails if another key gets in')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The SSH port')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The SSH port')
            [CompletionResult]::new('--as-git', '--as-git', [CompletionResultType]::ParameterName, 'Run ssh as git runs it, with the account''s ~/.ssh even when sshgen''s home folder is another, so that success means a clone will work')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object with the result, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;sign' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The private key [default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, id_ed25519_sk or id_ecdsa_sk]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key [default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, id_ed25519_sk or id_ecdsa_sk]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'What the signature is for; a verifier asks for the same')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'What the signature is for; a verifier asks for the same')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the key''s passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--passphrase-env', '--passphrase-env', [CompletionResultType]::ParameterName, 'Read the key''s passphrase from the environment variable VAR')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a FILE.sig that exists (without it, sshgen asks in a terminal and refuses elsewhere)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;verify' {
            [CompletionResult]::new('--signer', '--signer', [CompletionResultType]::ParameterName, 'Who must have signed it, as the allowed signers file names them')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The signature [default: FILE.sig]')
            [CompletionResult]::new('--signature', '--signature', [CompletionResultType]::ParameterName, 'The signature [default: FILE.sig]')
            [CompletionResult]::new('--allowed-signers', '--allowed-signers', [CompletionResultType]::ParameterName, 'Who may sign with which key [default: ~/.ssh/allowed_signers]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace the signature must be for')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace the signature must be for')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;cert' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Certify public keys: KEY-cert.pub beside each, as ssh-keygen -s does')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print what a certificate says, as ssh-keygen -L does')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;cert;sign' {
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The CA''s private key (or its .pub, with --agent or the private key beside it)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'The certificate''s key ID, which servers log')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A user (or with --host, a host name) the certificate is for; repeat for more')
            [CompletionResult]::new('--principal', '--principal', [CompletionResultType]::ParameterName, 'A user (or with --host, a host name) the certificate is for; repeat for more')
            [CompletionResult]::new('--valid', '--valid', [CompletionResultType]::ParameterName, 'When it is valid, as ssh-keygen -V takes it: +52w, -1d:+30d, 20260101:20270101, always')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'The serial number, for revoking it later')
            [CompletionResult]::new('-O', '-O ', [CompletionResultType]::ParameterName, 'A certificate option, as ssh-keygen -O takes it (no-pty, force-command=CMD, source-address=LIST, clear and the others)')
            [CompletionResult]::new('--option', '--option', [CompletionResultType]::ParameterName, 'A certificate option, as ssh-keygen -O takes it (no-pty, force-command=CMD, source-address=LIST, clear and the others)')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the key''s passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--passphrase-env', '--passphrase-env', [CompletionResultType]::ParameterName, 'Read the key''s passphrase from the environment variable VAR')
            [CompletionResult]::new('--any-principal', '--any-principal', [CompletionResultType]::ParameterName, 'A certificate without principals, valid for every user or host (OpenSSH 10 refuses these)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'A host certificate instead of a user certificate')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Sign with the CA key the ssh-agent holds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;cert;show' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;cert;help' {
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Certify public keys: KEY-cert.pub beside each, as ssh-keygen -s does')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print what a certificate says, as ssh-keygen -L does')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;cert;help;sign' {
            break
        }
        'sshgen;cert;help;show' {
            break
        }
        'sshgen;cert;help;help' {
            break
        }
        'sshgen;git-signing' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The signing key''s .pub, or its private key with the .pub beside [default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The signing key''s .pub, or its private key with the .pub beside [default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Your name in allowed_signers [default: git''s user.email]')
            [CompletionResult]::new('--namespaces', '--namespaces', [CompletionResultType]::ParameterName, 'What allowed_signers lets this key sign for, comma-separated (file too, for sshgen sign and verify)')
            [CompletionResult]::new('--global', '--global', [CompletionResultType]::ParameterName, 'Set git''s global settings (every repository) instead of this repository''s')
            [CompletionResult]::new('--program', '--program', [CompletionResultType]::ParameterName, 'Also make git run this sshgen to sign and verify (gpg.ssh.program)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;agent' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add private keys to the agent, as ssh-add KEY... does')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the agent''s keys, as ssh-add -l (or -L) prints them')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove keys from the agent, as ssh-add -d KEY... or -D does')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;agent;add' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Forget the keys after this long: seconds, or e.g. 90s, 30m, 1h30m, 2d')
            [CompletionResult]::new('--lifetime', '--lifetime', [CompletionResultType]::ParameterName, 'Forget the keys after this long: seconds, or e.g. 90s, 30m, 1h30m, 2d')
            [CompletionResult]::new('-S', '-S ', [CompletionResultType]::ParameterName, 'For security keys: the provider library the agent signs through (ssh-add -S) [default: $SSH_SK_PROVIDER, else the agent''s own USB support]')
            [CompletionResult]::new('--sk-provider', '--sk-provider', [CompletionResultType]::ParameterName, 'For security keys: the provider library the agent signs through (ssh-add -S) [default: $SSH_SK_PROVIDER, else the agent''s own USB support]')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the key''s passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--passphrase-env', '--passphrase-env', [CompletionResultType]::ParameterName, 'Read the key''s passphrase from the environment variable VAR')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Have the agent ask before each use of the keys (ssh-add -c)')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'Have the agent ask before each use of the keys (ssh-add -c)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;agent;list' {
            [CompletionResult]::new('-E', '-E ', [CompletionResultType]::ParameterName, 'Fingerprint hash to show')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Fingerprint hash to show')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Print the public key lines instead of fingerprints (ssh-add -L)')
            [CompletionResult]::new('--public', '--public', [CompletionResultType]::ParameterName, 'Print the public key lines instead of fingerprints (ssh-add -L)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array with one object a key on stdout, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;agent;remove' {
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Remove every key the agent holds (ssh-add -D)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;agent;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add private keys to the agent, as ssh-add KEY... does')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the agent''s keys, as ssh-add -l (or -L) prints them')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove keys from the agent, as ssh-add -d KEY... or -D does')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;agent;help;add' {
            break
        }
        'sshgen;agent;help;list' {
            break
        }
        'sshgen;agent;help;remove' {
            break
        }
        'sshgen;agent;help;help' {
            break
        }
        'sshgen;resident-keys' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Folder to write the key files in [default: ~/.ssh]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH''s ssh-sk-helper with its USB support]')
            [CompletionResult]::new('--sk-provider', '--sk-provider', [CompletionResultType]::ParameterName, 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH''s ssh-sk-helper with its USB support]')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Which security key, when several are plugged in')
            [CompletionResult]::new('-N', '-N ', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from the first line of PATH (''-'' for standard input)')
            [CompletionResult]::new('--passphrase-env', '--passphrase-env', [CompletionResultType]::ParameterName, 'Read the new passphrase from the environment variable VAR')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('--rounds', '--rounds', [CompletionResultType]::ParameterName, 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack')
            [CompletionResult]::new('--no-passphrase', '--no-passphrase', [CompletionResultType]::ParameterName, 'Leave the private key unencrypted')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing key files without asking')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array with one object a key written on stdout, and nothing else there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;serve-clipboard' {
            [CompletionResult]::new('--clear-after', '--clear-after', [CompletionResultType]::ParameterName, 'Stop serving (clear) after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sshgen;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Make a new key pair (the default command)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a public key to the clipboard, ready to paste into a service''s "add SSH key" form')
            [CompletionResult]::new('fingerprint', 'fingerprint', [CompletionResultType]::ParameterValue, 'Show key fingerprints, as ssh-keygen -l [-v] [-E] [-B] does')
            [CompletionResult]::new('public', 'public', [CompletionResultType]::ParameterValue, 'Print the public key of a private key, as ssh-keygen -y does')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the key pairs in a folder (default ~/.ssh) and their problems')
            [CompletionResult]::new('passphrase', 'passphrase', [CompletionResultType]::ParameterValue, 'Add, change or remove the passphrase of a private key (ssh-keygen -p)')
            [CompletionResult]::new('comment', 'comment', [CompletionResultType]::ParameterValue, 'Change the comment of a key pair, in the private key and the .pub (ssh-keygen -c)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print a public key as RFC4716, PKCS8 or PEM for other SSH software (ssh-keygen -e)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Turn an RFC4716, PKCS8 or PEM public key into an OpenSSH .pub line (ssh-keygen -i)')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert a private key between PuTTY (.ppk), OpenSSH, PEM and PKCS8')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Say why ssh does not use a key: folder and key permissions, .pub files, config, agent, known_hosts; --fix repairs what is safe')
            [CompletionResult]::new('access-key', 'access-key', [CompletionResultType]::ParameterValue, 'An access key for a repository in one step: key, Host alias, host key, added through the host''s API and proven by a clone; rotate, label, remove and list them')
            [CompletionResult]::new('copy-id', 'copy-id', [CompletionResultType]::ParameterValue, 'Put a public key on a server, as ssh-copy-id does, from any platform')
            [CompletionResult]::new('authorized-keys', 'authorized-keys', [CompletionResultType]::ParameterValue, 'The keys a server lets in: add with sshd''s options (checked as sshd reads them), list, remove')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Host aliases in ~/.ssh/config that use one key for one host')
            [CompletionResult]::new('known-hosts', 'known-hosts', [CompletionResultType]::ParameterValue, 'Find, remove, hash and add host keys in ~/.ssh/known_hosts (ssh-keygen -F, -R, -H)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Check that a key gets in: runs ssh -T and says what happened')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign files with an SSH key (FILE.sig), as ssh-keygen -Y sign does')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a file''s SSH signature and who made it, as ssh-keygen -Y verify does')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Certify public keys with a CA key, and show certificates (ssh-keygen -s, -L)')
            [CompletionResult]::new('git-signing', 'git-signing', [CompletionResultType]::ParameterValue, 'Set git up to sign commits and tags with an SSH key, and to verify them')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Add keys to the ssh-agent, list and remove them (ssh-add)')
            [CompletionResult]::new('resident-keys', 'resident-keys', [CompletionResultType]::ParameterValue, 'Download the keys kept on a security key into key files (ssh-keygen -K)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('serve-clipboard', 'serve-clipboard', [CompletionResultType]::ParameterValue, 'Serves a clipboard selection for X11 or Wayland until another program takes it; started by sshgen itself so the text outlives the command. `native` clears the macOS or Windows clipboard later instead')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sshgen;help;generate' {
            break
        }
        'sshgen;help;copy' {
            break
        }
        'sshgen;help;fingerprint' {
            break
        }
        'sshgen;help;public' {
            break
        }
        'sshgen;help;list' {
            break
        }
        'sshgen;help;passphrase' {
            break
        }
        'sshgen;help;comment' {
            break
        }
        'sshgen;help;export' {
            break
        }
        'sshgen;help;import' {
            break
        }
        'sshgen;help;convert' {
            break
        }
        'sshgen;help;doctor' {
            break
        }
        'sshgen;help;access-key' {
            break
        }
        'sshgen;help;copy-id' {
            break
        }
        'sshgen;help;authorized-keys' {
            break
        }
        'sshgen;help;config' {
            break
        }
        'sshgen;help;known-hosts' {
            break
        }
        'sshgen;help;test' {
            break
        }
        'sshgen;help;sign' {
            break
        }
        'sshgen;help;verify' {
            break
        }
        'sshgen;help;cert' {
            break
        }
        'sshgen;help;git-signing' {
            break
        }
        'sshgen;help;agent' {
            break
        }
        'sshgen;help;resident-keys' {
            break
        }
        'sshgen;help;completions' {
            break
        }
        'sshgen;help;serve-clipboard' {
            break
        }
        'sshgen;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
