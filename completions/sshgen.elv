
use builtin;
use str;

set edit:completion:arg-completer[sshgen] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'sshgen'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'sshgen'= {
            cand -t 'Key type; ssh-keygen''s names work too, e.g. ssh-ed25519; ed25519-sk and ecdsa-sk are made on a security key (FIDO)'
            cand --type 'Key type; ssh-keygen''s names work too, e.g. ssh-ed25519; ed25519-sk and ecdsa-sk are made on a security key (FIDO)'
            cand -b 'Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521'
            cand --bits 'Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521'
            cand -f 'Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]'
            cand --file 'Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]'
            cand -C 'Comment stored in the key, shown by services next to it [default: user@host]'
            cand --comment 'Comment stored in the key, shown by services next to it [default: user@host]'
            cand -N 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase-file 'Read the new passphrase from the first line of PATH (''-'' for standard input)'
            cand --passphrase-env 'Read the new passphrase from the environment variable VAR'
            cand -a 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand --rounds 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand -E 'Fingerprint hash to show'
            cand --hash 'Fingerprint hash to show'
            cand -m 'Private key file format: openssh, pem (RSA and ECDSA, no passphrase) or pkcs8'
            cand --format 'Private key file format: openssh, pem (RSA and ECDSA, no passphrase) or pkcs8'
            cand --host 'Also add a Host alias for the key to ~/.ssh/config (see sshgen config add)'
            cand --hostname 'With --host: the real host name the alias stands for'
            cand --clipboard 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system''s (Wayland, X11, macOS, Windows); native is the system''s only; osc52 asks the terminal even outside SSH'
            cand -w 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH''s ssh-sk-helper with its USB support]'
            cand --sk-provider 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH''s ssh-sk-helper with its USB support]'
            cand --application 'Application the key is for; must begin with ssh: [default: ssh:]'
            cand --sk-user 'With --resident: the user name stored with the key'
            cand --device 'Which security key, when several are plugged in'
            cand --challenge 'Enrolment challenge, from this file [default: random]'
            cand --write-attestation 'Write the security key''s attestation to FILE'
            cand --no-passphrase 'Leave the private key unencrypted'
            cand --force 'Replace existing key files without asking'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --json 'Print one JSON object describing the new key on stdout, and nothing else there'
            cand --copy 'Copy the public key to the clipboard [default: when stdout is a terminal]'
            cand --no-copy 'Do not copy the public key to the clipboard'
            cand --agent 'Also add the new key to the ssh-agent (see sshgen agent add)'
            cand --resident 'Keep the key on the security key, so that `sshgen -K` can fetch it on another computer'
            cand --verify-required 'Ask for the security key''s PIN or fingerprint at each use'
            cand --no-touch-required 'Sign without a touch (the server must allow it: no-touch-required)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand generate 'Make a new key pair (the default command)'
            cand copy 'Copy a public key to the clipboard, ready to paste into a service''s "add SSH key" form'
            cand fingerprint 'Show key fingerprints, as ssh-keygen -l [-v] [-E] [-B] does'
            cand public 'Print the public key of a private key, as ssh-keygen -y does'
            cand list 'List the key pairs in a folder (default ~/.ssh) and their problems'
            cand passphrase 'Add, change or remove the passphrase of a private key (ssh-keygen -p)'
            cand comment 'Change the comment of a key pair, in the private key and the .pub (ssh-keygen -c)'
            cand export 'Print a public key as RFC4716, PKCS8 or PEM for other SSH software (ssh-keygen -e)'
            cand import 'Turn an RFC4716, PKCS8 or PEM public key into an OpenSSH .pub line (ssh-keygen -i)'
            cand convert 'Convert a private key between PuTTY (.ppk), OpenSSH, PEM and PKCS8'
            cand doctor 'Say why ssh does not use a key: folder and key permissions, .pub files, config, agent, known_hosts; --fix repairs what is safe'
            cand access-key 'An access key for a repository in one step: key, Host alias, host key, added through the host''s API and proven by a clone; rotate, label, remove and list them'
            cand copy-id 'Put a public key on a server, as ssh-copy-id does, from any platform'
            cand authorized-keys 'The keys a server lets in: add with sshd''s options (checked as sshd reads them), list, remove'
            cand config 'Host aliases in ~/.ssh/config that use one key for one host'
            cand known-hosts 'Find, remove, hash and add host keys in ~/.ssh/known_hosts (ssh-keygen -F, -R, -H)'
            cand test 'Check that a key gets in: runs ssh -T and says what happened'
            cand sign 'Sign files with an SSH key (FILE.sig), as ssh-keygen -Y sign does'
            cand verify 'Check a file''s SSH signature and who made it, as ssh-keygen -Y verify does'
            cand cert 'Certify public keys with a CA key, and show certificates (ssh-keygen -s, -L)'
            cand git-signing 'Set git up to sign commits and tags with an SSH key, and to verify them'
            cand agent 'Add keys to the ssh-agent, list and remove them (ssh-add)'
            cand resident-keys 'Download the keys kept on a security key into key files (ssh-keygen -K)'
            cand completions 'Print a shell completion script'
            cand serve-clipboard 'Serves a clipboard selection for X11 or Wayland until another program takes it; started by sshgen itself so the text outlives the command. `native` clears the macOS or Windows clipboard later instead'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;generate'= {
            cand -t 'Key type; ssh-keygen''s names work too, e.g. ssh-ed25519; ed25519-sk and ecdsa-sk are made on a security key (FIDO)'
            cand --type 'Key type; ssh-keygen''s names work too, e.g. ssh-ed25519; ed25519-sk and ecdsa-sk are made on a security key (FIDO)'
            cand -b 'Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521'
            cand --bits 'Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521'
            cand -f 'Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]'
            cand --file 'Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]'
            cand -C 'Comment stored in the key, shown by services next to it [default: user@host]'
            cand --comment 'Comment stored in the key, shown by services next to it [default: user@host]'
            cand -N 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase-file 'Read the new passphrase from the first line of PATH (''-'' for standard input)'
            cand --passphrase-env 'Read the new passphrase from the environment variable VAR'
            cand -a 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand --rounds 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand -E 'Fingerprint hash to show'
            cand --hash 'Fingerprint hash to show'
            cand -m 'Private key file format: openssh, pem (RSA and ECDSA, no passphrase) or pkcs8'
            cand --format 'Private key file format: openssh, pem (RSA and ECDSA, no passphrase) or pkcs8'
            cand --host 'Also add a Host alias for the key to ~/.ssh/config (see sshgen config add)'
            cand --hostname 'With --host: the real host name the alias stands for'
            cand --clipboard 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system''s (Wayland, X11, macOS, Windows); native is the system''s only; osc52 asks the terminal even outside SSH'
            cand -w 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH''s ssh-sk-helper with its USB support]'
            cand --sk-provider 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH''s ssh-sk-helper with its USB support]'
            cand --application 'Application the key is for; must begin with ssh: [default: ssh:]'
            cand --sk-user 'With --resident: the user name stored with the key'
            cand --device 'Which security key, when several are plugged in'
            cand --challenge 'Enrolment challenge, from this file [default: random]'
            cand --write-attestation 'Write the security key''s attestation to FILE'
            cand --no-passphrase 'Leave the private key unencrypted'
            cand --force 'Replace existing key files without asking'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --json 'Print one JSON object describing the new key on stdout, and nothing else there'
            cand --copy 'Copy the public key to the clipboard [default: when stdout is a terminal]'
            cand --no-copy 'Do not copy the public key to the clipboard'
            cand --agent 'Also add the new key to the ssh-agent (see sshgen agent add)'
            cand --resident 'Keep the key on the security key, so that `sshgen -K` can fetch it on another computer'
            cand --verify-required 'Ask for the security key''s PIN or fingerprint at each use'
            cand --no-touch-required 'Sign without a touch (the server must allow it: no-touch-required)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sshgen;copy'= {
            cand --clipboard 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system''s (Wayland, X11, macOS, Windows); native is the system''s only; osc52 asks the terminal even outside SSH'
            cand --format 'With --private: the form to copy (converted in memory) [default: the file''s own text]'
            cand --clear-after 'With --private: empty the clipboard after SECONDS if it still holds the key (0: never)'
            cand -P 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase-file 'Read the key''s passphrase from the first line of PATH (''-'' for standard input)'
            cand --passphrase-env 'Read the key''s passphrase from the environment variable VAR'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --json 'Print one JSON object (key, fingerprint, how it was copied) on stdout'
            cand --private 'Copy the private key''s text instead, for a build service''s secret field; never through the terminal (OSC 52) unless --clipboard osc52 [default key: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, id_ed25519_sk or id_ecdsa_sk]'
            cand --decrypt 'With --private: copy an encrypted key decrypted (asks its passphrase)'
            cand --base64 'With --private: the text as one base64 line, for CI variables that keep no line breaks'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sshgen;fingerprint'= {
            cand -E 'Fingerprint hash to show'
            cand --hash 'Fingerprint hash to show'
            cand -v 'Also draw the randomart picture of each key (ssh-keygen -lv)'
            cand --randomart 'Also draw the randomart picture of each key (ssh-keygen -lv)'
            cand -B 'Show the SHA-1 bubblebabble digest instead of the fingerprint (ssh-keygen -B)'
            cand --bubblebabble 'Show the SHA-1 bubblebabble digest instead of the fingerprint (ssh-keygen -B)'
            cand --json 'Print a JSON array with one object a key on stdout, and nothing else there'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;public'= {
            cand -P 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase-file 'Read the key''s passphrase from the first line of PATH (''-'' for standard input)'
            cand --passphrase-env 'Read the key''s passphrase from the environment variable VAR'
            cand --write 'Also (re)write FILE.pub with the public key (mode 0644, replaced atomically)'
            cand --json 'Print one JSON object describing the key on stdout, and nothing else there'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;list'= {
            cand --json 'Print a JSON array with one object a key pair on stdout, and nothing else there'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;passphrase'= {
            cand -P 'Current passphrase of the key; visible to other users in the process list: prefer --old-passphrase-file or --old-passphrase-env'
            cand --old-passphrase 'Current passphrase of the key; visible to other users in the process list: prefer --old-passphrase-file or --old-passphrase-env'
            cand --old-passphrase-file 'Read the current passphrase from the first line of PATH (''-'' for standard input)'
            cand --old-passphrase-env 'Read the current passphrase from the environment variable VAR'
            cand -N 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase-file 'Read the new passphrase from the first line of PATH (''-'' for standard input)'
            cand --passphrase-env 'Read the new passphrase from the environment variable VAR'
            cand -a 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand --rounds 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand --no-passphrase 'Leave the private key unencrypted'
            cand --json 'Print one JSON object describing the result on stdout, and nothing else there'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;comment'= {
            cand -C 'The new comment ('''' for none)'
            cand --comment 'The new comment ('''' for none)'
            cand -P 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase-file 'Read the key''s passphrase from the first line of PATH (''-'' for standard input)'
            cand --passphrase-env 'Read the key''s passphrase from the environment variable VAR'
            cand --json 'Print one JSON object describing the result on stdout, and nothing else there'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;export'= {
            cand -m 'Output format: rfc4716 (SSH2, any key type), pkcs8 (BEGIN PUBLIC KEY; RSA, ECDSA), pem (BEGIN RSA PUBLIC KEY for RSA; ECDSA as PKCS8, as ssh-keygen does)'
            cand --format 'Output format: rfc4716 (SSH2, any key type), pkcs8 (BEGIN PUBLIC KEY; RSA, ECDSA), pem (BEGIN RSA PUBLIC KEY for RSA; ECDSA as PKCS8, as ssh-keygen does)'
            cand --json 'Print one JSON object with the converted text on stdout, and nothing else there'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sshgen;import'= {
            cand -m 'Input format [default: recognised from the file''s BEGIN line]'
            cand --format 'Input format [default: recognised from the file''s BEGIN line]'
            cand --json 'Print one JSON object with the public key line on stdout, and nothing else there'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sshgen;convert'= {
            cand --to 'Format to write'
            cand -o 'Where to write [default: KEY.ppk for ppk; else KEY without .ppk]'
            cand --out 'Where to write [default: KEY.ppk for ppk; else KEY without .ppk]'
            cand -P 'Current passphrase of the key; visible to other users in the process list: prefer --old-passphrase-file or --old-passphrase-env'
            cand --old-passphrase 'Current passphrase of the key; visible to other users in the process list: prefer --old-passphrase-file or --old-passphrase-env'
            cand --old-passphrase-file 'Read the current passphrase from the first line of PATH (''-'' for standard input)'
            cand --old-passphrase-env 'Read the current passphrase from the environment variable VAR'
            cand -N 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase-file 'Read the new passphrase from the first line of PATH (''-'' for standard input)'
            cand --passphrase-env 'Read the new passphrase from the environment variable VAR'
            cand -a 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand --rounds 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand --ppk-version 'PuTTY format version: 3 (PuTTY 0.75 and later) or 2 (older tools)'
            cand --argon2-memory 'Argon2 memory in KiB, for --ppk-version 3 with a passphrase'
            cand --argon2-passes 'Argon2 passes [default: as many as take 0.1 s, as PuTTYgen chooses]'
            cand --argon2-parallelism 'Argon2 lanes'
            cand --argon2-flavour 'Argon2 variant'
            cand --force 'Replace an existing file'
            cand --no-passphrase 'Leave the private key unencrypted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sshgen;doctor'= {
            cand --fix 'Repair what is safe to repair without asking: permissions, missing .pub files'
            cand --json 'Print one JSON object with every check on stdout, and nothing else there'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;access-key'= {
            cand --hostname 'A self-hosted server instead of the service''s own'
            cand -p 'Its SSH port'
            cand --port 'Its SSH port'
            cand --user 'The SSH user [default: git]'
            cand --host-key 'The self-hosted server''s host key, ''TYPE BASE64'' (check it with its owner)'
            cand --alias 'The Host alias [default: SERVICE-OWNER__REPO]'
            cand -t 'Key type [default: ed25519; rsa for Azure DevOps]'
            cand --type 'Key type [default: ed25519; rsa for Azure DevOps]'
            cand -b 'Key size in bits (RSA: 3072 or more for Azure DevOps)'
            cand --bits 'Key size in bits (RSA: 3072 or more for Azure DevOps)'
            cand -f 'Private key file [default: ~/.ssh/SERVICE-OWNER__REPO]'
            cand --file 'Private key file [default: ~/.ssh/SERVICE-OWNER__REPO]'
            cand -C 'Comment, and the label to give the key on the service [default: KIND REPO on MACHINE]'
            cand --comment 'Comment, and the label to give the key on the service [default: KIND REPO on MACHINE]'
            cand -N 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase-file 'Read the new passphrase from the first line of PATH (''-'' for standard input)'
            cand --passphrase-env 'Read the new passphrase from the environment variable VAR'
            cand -a 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand --rounds 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand --clipboard 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system''s (Wayland, X11, macOS, Windows); native is the system''s only; osc52 asks the terminal even outside SSH'
            cand --label 'The label on the host [default: the comment]'
            cand --ci 'Give the private key to the builds of this repository (OWNER/REPO): Pipelines'' key pair, an Actions secret, a GitLab file variable'
            cand --secret-name 'The secret''s or variable''s name [default: OWNER_REPO_DEPLOY_KEY]'
            cand --command 'With --install, the forced command instead of git-shell'
            cand --api-url 'The API''s base, when not the service''s own (https://HOST/api/v3 for GitHub Enterprise)'
            cand --token-env 'Read the API token from this variable'
            cand --token-file 'Read the API token from this file (- for standard input)'
            cand --no-passphrase 'Leave the private key unencrypted'
            cand --force 'Make a new key and alias even if an earlier run made them'
            cand --copy 'Copy the public key to the clipboard [default: when stdout is a terminal]'
            cand --no-copy 'Do not copy the public key to the clipboard'
            cand --write 'Let the key push too (GitHub, GitLab, Gitea; Bitbucket''s are read-only)'
            cand --no-upload 'Prepare only: do not add the key through the API even with a token'
            cand --no-verify 'Do not prove the key with git ls-remote after adding it'
            cand --install 'A plain git server (ssh USER@HOST:PATH): put the key in its authorized_keys over ssh, restricted to git-shell'
            cand --json 'Print one JSON object with everything made, and nothing else there'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand add 'Make the key and alias, add the key through the API, prove it clones (the default)'
            cand rotate 'A new key, added and proven by a clone before the old one is deleted'
            cand label 'Change the key''s label on the host (Bitbucket, GitLab)'
            cand remove 'Delete the key on the host, and its alias and files here'
            cand list 'The access keys made here; --remote adds each host''s view'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;access-key;add'= {
            cand --hostname 'A self-hosted server instead of the service''s own'
            cand -p 'Its SSH port'
            cand --port 'Its SSH port'
            cand --user 'The SSH user [default: git]'
            cand --host-key 'The self-hosted server''s host key, ''TYPE BASE64'' (check it with its owner)'
            cand --alias 'The Host alias [default: SERVICE-OWNER__REPO]'
            cand -t 'Key type [default: ed25519; rsa for Azure DevOps]'
            cand --type 'Key type [default: ed25519; rsa for Azure DevOps]'
            cand -b 'Key size in bits (RSA: 3072 or more for Azure DevOps)'
            cand --bits 'Key size in bits (RSA: 3072 or more for Azure DevOps)'
            cand -f 'Private key file [default: ~/.ssh/SERVICE-OWNER__REPO]'
            cand --file 'Private key file [default: ~/.ssh/SERVICE-OWNER__REPO]'
            cand -C 'Comment, and the label to give the key on the service [default: KIND REPO on MACHINE]'
            cand --comment 'Comment, and the label to give the key on the service [default: KIND REPO on MACHINE]'
            cand -N 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase-file 'Read the new passphrase from the first line of PATH (''-'' for standard input)'
            cand --passphrase-env 'Read the new passphrase from the environment variable VAR'
            cand -a 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand --rounds 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand --clipboard 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system''s (Wayland, X11, macOS, Windows); native is the system''s only; osc52 asks the terminal even outside SSH'
            cand --label 'The label on the host [default: the comment]'
            cand --ci 'Give the private key to the builds of this repository (OWNER/REPO): Pipelines'' key pair, an Actions secret, a GitLab file variable'
            cand --secret-name 'The secret''s or variable''s name [default: OWNER_REPO_DEPLOY_KEY]'
            cand --command 'With --install, the forced command instead of git-shell'
            cand --api-url 'The API''s base, when not the service''s own (https://HOST/api/v3 for GitHub Enterprise)'
            cand --token-env 'Read the API token from this variable'
            cand --token-file 'Read the API token from this file (- for standard input)'
            cand --no-passphrase 'Leave the private key unencrypted'
            cand --force 'Make a new key and alias even if an earlier run made them'
            cand --copy 'Copy the public key to the clipboard [default: when stdout is a terminal]'
            cand --no-copy 'Do not copy the public key to the clipboard'
            cand --write 'Let the key push too (GitHub, GitLab, Gitea; Bitbucket''s are read-only)'
            cand --no-upload 'Prepare only: do not add the key through the API even with a token'
            cand --no-verify 'Do not prove the key with git ls-remote after adding it'
            cand --install 'A plain git server (ssh USER@HOST:PATH): put the key in its authorized_keys over ssh, restricted to git-shell'
            cand --json 'Print one JSON object with everything made, and nothing else there'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sshgen;access-key;rotate'= {
            cand --api-url 'The API''s base, when not the service''s own (https://HOST/api/v3 for GitHub Enterprise)'
            cand --token-env 'Read the API token from this variable'
            cand --token-file 'Read the API token from this file (- for standard input)'
            cand --keep-old 'Leave the old key on the host'
            cand --json 'Print one JSON object with every step, and nothing else there'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sshgen;access-key;label'= {
            cand --api-url 'The API''s base, when not the service''s own (https://HOST/api/v3 for GitHub Enterprise)'
            cand --token-env 'Read the API token from this variable'
            cand --token-file 'Read the API token from this file (- for standard input)'
            cand --json 'Print one JSON object, and nothing else there'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sshgen;access-key;remove'= {
            cand --api-url 'The API''s base, when not the service''s own (https://HOST/api/v3 for GitHub Enterprise)'
            cand --token-env 'Read the API token from this variable'
            cand --token-file 'Read the API token from this file (- for standard input)'
            cand --keep-key 'Keep the key files'
            cand --json 'Print one JSON object, and nothing else there'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sshgen;access-key;list'= {
            cand --api-url 'The API''s base, when not the service''s own (https://HOST/api/v3 for GitHub Enterprise)'
            cand --token-env 'Read the API token from this variable'
            cand --token-file 'Read the API token from this file (- for standard input)'
            cand --remote 'Ask each host which of the keys it has, and what else it has'
            cand --json 'Print one JSON array, and nothing else there'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;access-key;help'= {
            cand add 'Make the key and alias, add the key through the API, prove it clones (the default)'
            cand rotate 'A new key, added and proven by a clone before the old one is deleted'
            cand label 'Change the key''s label on the host (Bitbucket, GitLab)'
            cand remove 'Delete the key on the host, and its alias and files here'
            cand list 'The access keys made here; --remote adds each host''s view'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;access-key;help;add'= {
        }
        &'sshgen;access-key;help;rotate'= {
        }
        &'sshgen;access-key;help;label'= {
        }
        &'sshgen;access-key;help;remove'= {
        }
        &'sshgen;access-key;help;list'= {
        }
        &'sshgen;access-key;help;help'= {
        }
        &'sshgen;copy-id'= {
            cand -i 'The key to install (its .pub, or the private key beside it)'
            cand -p 'The server''s SSH port'
            cand --port 'The server''s SSH port'
            cand -o 'An option for ssh, as ssh -o takes it (repeatable)'
            cand --from 'from="PATTERNS": only from these addresses or host names (commas; !, *, CIDR)'
            cand --command 'command="CMD": run this, whatever the client asks'
            cand --expiry-time 'expiry-time="YYYYMMDD[HHMM[SS]][Z]": refused after then'
            cand --principals 'principals="NAMES": with --cert-authority, the names a certificate must hold'
            cand --permit-open 'permitopen="HOST:PORT": the only -L forwarding allowed (repeatable)'
            cand --permit-listen 'permitlisten="[HOST:]PORT": the only -R forwarding allowed (repeatable)'
            cand --environment 'environment="NAME=VALUE" (sshd honours it with PermitUserEnvironment; repeatable)'
            cand -n 'Say what would be added; change nothing'
            cand --dry-run 'Say what would be added; change nothing'
            cand -f 'Install even when the key already gets in'
            cand --force 'Install even when the key already gets in'
            cand --restrict 'restrict: no forwarding, no pty, no ~/.ssh/rc (flags after it turn one back on)'
            cand --cert-authority 'cert-authority: the key signs user certificates'
            cand --no-pty 'no-pty'
            cand --no-port-forwarding 'no-port-forwarding'
            cand --no-agent-forwarding 'no-agent-forwarding'
            cand --no-x11-forwarding 'no-X11-forwarding'
            cand --no-user-rc 'no-user-rc'
            cand --pty 'pty (after --restrict)'
            cand --port-forwarding 'port-forwarding (after --restrict)'
            cand --agent-forwarding 'agent-forwarding (after --restrict)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;authorized-keys'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Add a key (default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub) with options'
            cand list 'List the keys: bits, fingerprint, comment, type, and options'
            cand remove 'Remove the lines of a key, named by fingerprint, key file or comment'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;authorized-keys;add'= {
            cand --from 'from="PATTERNS": only from these addresses or host names (commas; !, *, CIDR)'
            cand --command 'command="CMD": run this, whatever the client asks'
            cand --expiry-time 'expiry-time="YYYYMMDD[HHMM[SS]][Z]": refused after then'
            cand --principals 'principals="NAMES": with --cert-authority, the names a certificate must hold'
            cand --permit-open 'permitopen="HOST:PORT": the only -L forwarding allowed (repeatable)'
            cand --permit-listen 'permitlisten="[HOST:]PORT": the only -R forwarding allowed (repeatable)'
            cand --environment 'environment="NAME=VALUE" (sshd honours it with PermitUserEnvironment; repeatable)'
            cand --file 'The file [default: ~/.ssh/authorized_keys]'
            cand --restrict 'restrict: no forwarding, no pty, no ~/.ssh/rc (flags after it turn one back on)'
            cand --cert-authority 'cert-authority: the key signs user certificates'
            cand --no-pty 'no-pty'
            cand --no-port-forwarding 'no-port-forwarding'
            cand --no-agent-forwarding 'no-agent-forwarding'
            cand --no-x11-forwarding 'no-X11-forwarding'
            cand --no-user-rc 'no-user-rc'
            cand --pty 'pty (after --restrict)'
            cand --port-forwarding 'port-forwarding (after --restrict)'
            cand --agent-forwarding 'agent-forwarding (after --restrict)'
            cand --json 'Print one JSON object, and nothing else there'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;authorized-keys;list'= {
            cand --file 'The file [default: ~/.ssh/authorized_keys]'
            cand --json 'Print a JSON array, one object a key'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;authorized-keys;remove'= {
            cand --file 'The file [default: ~/.ssh/authorized_keys]'
            cand --json 'Print one JSON object, and nothing else there'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;authorized-keys;help'= {
            cand add 'Add a key (default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub) with options'
            cand list 'List the keys: bits, fingerprint, comment, type, and options'
            cand remove 'Remove the lines of a key, named by fingerprint, key file or comment'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;authorized-keys;help;add'= {
        }
        &'sshgen;authorized-keys;help;list'= {
        }
        &'sshgen;authorized-keys;help;remove'= {
        }
        &'sshgen;authorized-keys;help;help'= {
        }
        &'sshgen;config'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Add a Host alias: HostName, User, Port, IdentityFile, IdentitiesOnly yes'
            cand list 'List the Host blocks and the key each uses'
            cand remove 'Remove a Host block, keeping every other line'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;config;add'= {
            cand --hostname 'The real host name'
            cand --user 'The SSH user (git for code hosts)'
            cand -p 'The SSH port'
            cand --port 'The SSH port'
            cand -i 'The private key the alias uses, alone'
            cand --identity 'The private key the alias uses, alone'
            cand -F 'The config file [default: ~/.ssh/config]'
            cand --file 'The config file [default: ~/.ssh/config]'
            cand --force 'Replace an alias of that name'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;config;list'= {
            cand -F 'The config file [default: ~/.ssh/config]'
            cand --file 'The config file [default: ~/.ssh/config]'
            cand --json 'Print a JSON array with one object a Host block'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;config;remove'= {
            cand -F 'The config file [default: ~/.ssh/config]'
            cand --file 'The config file [default: ~/.ssh/config]'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;config;help'= {
            cand add 'Add a Host alias: HostName, User, Port, IdentityFile, IdentitiesOnly yes'
            cand list 'List the Host blocks and the key each uses'
            cand remove 'Remove a Host block, keeping every other line'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;config;help;add'= {
        }
        &'sshgen;config;help;list'= {
        }
        &'sshgen;config;help;remove'= {
        }
        &'sshgen;config;help;help'= {
        }
        &'sshgen;known-hosts'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand find 'Print a host''s lines, as ssh-keygen -F does'
            cand remove 'Remove a host''s lines, as ssh-keygen -R does (the old file kept as FILE.old)'
            cand hash 'Hash every host name, as ssh-keygen -H does'
            cand add 'Record a host''s key: bitbucket, github, gitlab or azure-devops by name (their published keys), or HOST --key ''TYPE BASE64'''
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;known-hosts;find'= {
            cand -p 'The host''s SSH port (entries for other ports read [HOST]:PORT)'
            cand --port 'The host''s SSH port (entries for other ports read [HOST]:PORT)'
            cand -f 'The known_hosts file [default: ~/.ssh/known_hosts]'
            cand --file 'The known_hosts file [default: ~/.ssh/known_hosts]'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;known-hosts;remove'= {
            cand -p 'The host''s SSH port (entries for other ports read [HOST]:PORT)'
            cand --port 'The host''s SSH port (entries for other ports read [HOST]:PORT)'
            cand -f 'The known_hosts file [default: ~/.ssh/known_hosts]'
            cand --file 'The known_hosts file [default: ~/.ssh/known_hosts]'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;known-hosts;hash'= {
            cand -f 'The known_hosts file [default: ~/.ssh/known_hosts]'
            cand --file 'The known_hosts file [default: ~/.ssh/known_hosts]'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;known-hosts;add'= {
            cand --key 'The host''s key, ''TYPE BASE64'', checked with its owner'
            cand --fingerprint 'With --scan: the fingerprint the server''s owner publishes (SHA256:...); the keys are recorded only if one of them has it'
            cand -p 'The host''s SSH port (entries for other ports read [HOST]:PORT)'
            cand --port 'The host''s SSH port (entries for other ports read [HOST]:PORT)'
            cand -f 'The known_hosts file [default: ~/.ssh/known_hosts]'
            cand --file 'The known_hosts file [default: ~/.ssh/known_hosts]'
            cand --cert-authority 'Record --key as a certificate authority trusted to sign the keys of the hosts HOST matches (an @cert-authority line)'
            cand --all-hosts 'With --cert-authority, let HOST be a pattern that matches every host (such as *)'
            cand --scan 'Fetch the server''s host keys (ssh-keyscan), show their fingerprints and record them once confirmed at the terminal or by --fingerprint'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;known-hosts;help'= {
            cand find 'Print a host''s lines, as ssh-keygen -F does'
            cand remove 'Remove a host''s lines, as ssh-keygen -R does (the old file kept as FILE.old)'
            cand hash 'Hash every host name, as ssh-keygen -H does'
            cand add 'Record a host''s key: bitbucket, github, gitlab or azure-devops by name (their published keys), or HOST --key ''TYPE BASE64'''
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;known-hosts;help;find'= {
        }
        &'sshgen;known-hosts;help;remove'= {
        }
        &'sshgen;known-hosts;help;hash'= {
        }
        &'sshgen;known-hosts;help;add'= {
        }
        &'sshgen;known-hosts;help;help'= {
        }
        &'sshgen;test'= {
            cand -i 'The key to offer first, without the agent''s keys; the test fails if another key gets in'
            cand --identity 'The key to offer first, without the agent''s keys; the test fails if another key gets in'
            cand -p 'The SSH port'
            cand --port 'The SSH port'
            cand --as-git 'Run ssh as git runs it, with the account''s ~/.ssh even when sshgen''s home folder is another, so that success means a clone will work'
            cand --json 'Print one JSON object with the result, and nothing else there'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;sign'= {
            cand -f 'The private key [default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, id_ed25519_sk or id_ecdsa_sk]'
            cand --key 'The private key [default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, id_ed25519_sk or id_ecdsa_sk]'
            cand -n 'What the signature is for; a verifier asks for the same'
            cand --namespace 'What the signature is for; a verifier asks for the same'
            cand -P 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase-file 'Read the key''s passphrase from the first line of PATH (''-'' for standard input)'
            cand --passphrase-env 'Read the key''s passphrase from the environment variable VAR'
            cand --force 'Replace a FILE.sig that exists (without it, sshgen asks in a terminal and refuses elsewhere)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;verify'= {
            cand --signer 'Who must have signed it, as the allowed signers file names them'
            cand -s 'The signature [default: FILE.sig]'
            cand --signature 'The signature [default: FILE.sig]'
            cand --allowed-signers 'Who may sign with which key [default: ~/.ssh/allowed_signers]'
            cand -n 'The namespace the signature must be for'
            cand --namespace 'The namespace the signature must be for'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;cert'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand sign 'Certify public keys: KEY-cert.pub beside each, as ssh-keygen -s does'
            cand show 'Print what a certificate says, as ssh-keygen -L does'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;cert;sign'= {
            cand --ca 'The CA''s private key (or its .pub, with --agent or the private key beside it)'
            cand --id 'The certificate''s key ID, which servers log'
            cand -n 'A user (or with --host, a host name) the certificate is for; repeat for more'
            cand --principal 'A user (or with --host, a host name) the certificate is for; repeat for more'
            cand --valid 'When it is valid, as ssh-keygen -V takes it: +52w, -1d:+30d, 20260101:20270101, always'
            cand --serial 'The serial number, for revoking it later'
            cand -O 'A certificate option, as ssh-keygen -O takes it (no-pty, force-command=CMD, source-address=LIST, clear and the others)'
            cand --option 'A certificate option, as ssh-keygen -O takes it (no-pty, force-command=CMD, source-address=LIST, clear and the others)'
            cand -P 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase-file 'Read the key''s passphrase from the first line of PATH (''-'' for standard input)'
            cand --passphrase-env 'Read the key''s passphrase from the environment variable VAR'
            cand --any-principal 'A certificate without principals, valid for every user or host (OpenSSH 10 refuses these)'
            cand --host 'A host certificate instead of a user certificate'
            cand --agent 'Sign with the CA key the ssh-agent holds'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;cert;show'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;cert;help'= {
            cand sign 'Certify public keys: KEY-cert.pub beside each, as ssh-keygen -s does'
            cand show 'Print what a certificate says, as ssh-keygen -L does'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;cert;help;sign'= {
        }
        &'sshgen;cert;help;show'= {
        }
        &'sshgen;cert;help;help'= {
        }
        &'sshgen;git-signing'= {
            cand -f 'The signing key''s .pub, or its private key with the .pub beside [default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub]'
            cand --key 'The signing key''s .pub, or its private key with the .pub beside [default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub]'
            cand --email 'Your name in allowed_signers [default: git''s user.email]'
            cand --namespaces 'What allowed_signers lets this key sign for, comma-separated (file too, for sshgen sign and verify)'
            cand --global 'Set git''s global settings (every repository) instead of this repository''s'
            cand --program 'Also make git run this sshgen to sign and verify (gpg.ssh.program)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;agent'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Add private keys to the agent, as ssh-add KEY... does'
            cand list 'List the agent''s keys, as ssh-add -l (or -L) prints them'
            cand remove 'Remove keys from the agent, as ssh-add -d KEY... or -D does'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;agent;add'= {
            cand -t 'Forget the keys after this long: seconds, or e.g. 90s, 30m, 1h30m, 2d'
            cand --lifetime 'Forget the keys after this long: seconds, or e.g. 90s, 30m, 1h30m, 2d'
            cand -S 'For security keys: the provider library the agent signs through (ssh-add -S) [default: $SSH_SK_PROVIDER, else the agent''s own USB support]'
            cand --sk-provider 'For security keys: the provider library the agent signs through (ssh-add -S) [default: $SSH_SK_PROVIDER, else the agent''s own USB support]'
            cand -P 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase-file 'Read the key''s passphrase from the first line of PATH (''-'' for standard input)'
            cand --passphrase-env 'Read the key''s passphrase from the environment variable VAR'
            cand -c 'Have the agent ask before each use of the keys (ssh-add -c)'
            cand --confirm 'Have the agent ask before each use of the keys (ssh-add -c)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;agent;list'= {
            cand -E 'Fingerprint hash to show'
            cand --hash 'Fingerprint hash to show'
            cand -L 'Print the public key lines instead of fingerprints (ssh-add -L)'
            cand --public 'Print the public key lines instead of fingerprints (ssh-add -L)'
            cand --json 'Print a JSON array with one object a key on stdout, and nothing else there'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;agent;remove'= {
            cand --all 'Remove every key the agent holds (ssh-add -D)'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;agent;help'= {
            cand add 'Add private keys to the agent, as ssh-add KEY... does'
            cand list 'List the agent''s keys, as ssh-add -l (or -L) prints them'
            cand remove 'Remove keys from the agent, as ssh-add -d KEY... or -D does'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;agent;help;add'= {
        }
        &'sshgen;agent;help;list'= {
        }
        &'sshgen;agent;help;remove'= {
        }
        &'sshgen;agent;help;help'= {
        }
        &'sshgen;resident-keys'= {
            cand --dir 'Folder to write the key files in [default: ~/.ssh]'
            cand -w 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH''s ssh-sk-helper with its USB support]'
            cand --sk-provider 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH''s ssh-sk-helper with its USB support]'
            cand --device 'Which security key, when several are plugged in'
            cand -N 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase 'New passphrase ('''' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env'
            cand --passphrase-file 'Read the new passphrase from the first line of PATH (''-'' for standard input)'
            cand --passphrase-env 'Read the new passphrase from the environment variable VAR'
            cand -a 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand --rounds 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack'
            cand --no-passphrase 'Leave the private key unencrypted'
            cand --force 'Replace existing key files without asking'
            cand -q 'Print nothing but errors'
            cand --quiet 'Print nothing but errors'
            cand --json 'Print a JSON array with one object a key written on stdout, and nothing else there'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;serve-clipboard'= {
            cand --clear-after 'Stop serving (clear) after this many seconds'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sshgen;help'= {
            cand generate 'Make a new key pair (the default command)'
            cand copy 'Copy a public key to the clipboard, ready to paste into a service''s "add SSH key" form'
            cand fingerprint 'Show key fingerprints, as ssh-keygen -l [-v] [-E] [-B] does'
            cand public 'Print the public key of a private key, as ssh-keygen -y does'
            cand list 'List the key pairs in a folder (default ~/.ssh) and their problems'
            cand passphrase 'Add, change or remove the passphrase of a private key (ssh-keygen -p)'
            cand comment 'Change the comment of a key pair, in the private key and the .pub (ssh-keygen -c)'
            cand export 'Print a public key as RFC4716, PKCS8 or PEM for other SSH software (ssh-keygen -e)'
            cand import 'Turn an RFC4716, PKCS8 or PEM public key into an OpenSSH .pub line (ssh-keygen -i)'
            cand convert 'Convert a private key between PuTTY (.ppk), OpenSSH, PEM and PKCS8'
            cand doctor 'Say why ssh does not use a key: folder and key permissions, .pub files, config, agent, known_hosts; --fix repairs what is safe'
            cand access-key 'An access key for a repository in one step: key, Host alias, host key, added through the host''s API and proven by a clone; rotate, label, remove and list them'
            cand copy-id 'Put a public key on a server, as ssh-copy-id does, from any platform'
            cand authorized-keys 'The keys a server lets in: add with sshd''s options (checked as sshd reads them), list, remove'
            cand config 'Host aliases in ~/.ssh/config that use one key for one host'
            cand known-hosts 'Find, remove, hash and add host keys in ~/.ssh/known_hosts (ssh-keygen -F, -R, -H)'
            cand test 'Check that a key gets in: runs ssh -T and says what happened'
            cand sign 'Sign files with an SSH key (FILE.sig), as ssh-keygen -Y sign does'
            cand verify 'Check a file''s SSH signature and who made it, as ssh-keygen -Y verify does'
            cand cert 'Certify public keys with a CA key, and show certificates (ssh-keygen -s, -L)'
            cand git-signing 'Set git up to sign commits and tags with an SSH key, and to verify them'
            cand agent 'Add keys to the ssh-agent, list and remove them (ssh-add)'
            cand resident-keys 'Download the keys kept on a security key into key files (ssh-keygen -K)'
            cand completions 'Print a shell completion script'
            cand serve-clipboard 'Serves a clipboard selection for X11 or Wayland until another program takes it; started by sshgen itself so the text outlives the command. `native` clears the macOS or Windows clipboard later instead'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sshgen;help;generate'= {
        }
        &'sshgen;help;copy'= {
        }
        &'sshgen;help;fingerprint'= {
        }
        &'sshgen;help;public'= {
        }
        &'sshgen;help;list'= {
        }
        &'sshgen;help;passphrase'= {
        }
        &'sshgen;help;comment'= {
        }
        &'sshgen;help;export'= {
        }
        &'sshgen;help;import'= {
        }
        &'sshgen;help;convert'= {
        }
        &'sshgen;help;doctor'= {
        }
        &'sshgen;help;access-key'= {
        }
        &'sshgen;help;copy-id'= {
        }
        &'sshgen;help;authorized-keys'= {
        }
        &'sshgen;help;config'= {
        }
        &'sshgen;help;known-hosts'= {
        }
        &'sshgen;help;test'= {
        }
        &'sshgen;help;sign'= {
        }
        &'sshgen;help;verify'= {
        }
        &'sshgen;help;cert'= {
        }
        &'sshgen;help;git-signing'= {
        }
        &'sshgen;help;agent'= {
        }
        &'sshgen;help;resident-keys'= {
        }
        &'sshgen;help;completions'= {
        }
        &'sshgen;help;serve-clipboard'= {
        }
        &'sshgen;help;help'= {
        }
    ]
    $completions[$command]
}
