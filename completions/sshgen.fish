# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_sshgen_global_optspecs
    string join \n t/type= b/bits= f/file= C/comment= N/passphrase= passphrase-file= passphrase-env= no-passphrase a/rounds= force E/hash= q/quiet json copy no-copy agent m/format= host= hostname= clipboard= w/sk-provider= application= resident sk-user= verify-required no-touch-required device= challenge= write-attestation= h/help V/version
end

function __fish_sshgen_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_sshgen_global_optspecs) -- $cmd 2>/dev/null
    # An option still waiting for its value: no command yet.
    or return 0
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_sshgen_using_subcommand
    set -l cmd (__fish_sshgen_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c sshgen -n "__fish_sshgen_needs_command" -s t -l type -d 'Key type; ssh-keygen\'s names work too, e.g. ssh-ed25519; ed25519-sk and ecdsa-sk are made on a security key (FIDO)' -r -f -a "ed25519\t''
rsa\t''
ecdsa\t''
ed25519-sk\t''
ecdsa-sk\t''"
complete -c sshgen -n "__fish_sshgen_needs_command" -s b -l bits -d 'Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521' -r -f
complete -c sshgen -n "__fish_sshgen_needs_command" -s f -l file -d 'Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]' -r -F
complete -c sshgen -n "__fish_sshgen_needs_command" -s C -l comment -d 'Comment stored in the key, shown by services next to it [default: user@host]' -r -f
complete -c sshgen -n "__fish_sshgen_needs_command" -s N -l passphrase -d 'New passphrase (\'\' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_needs_command" -l passphrase-file -d 'Read the new passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_needs_command" -l passphrase-env -d 'Read the new passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_needs_command" -s a -l rounds -d 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack' -r -f
complete -c sshgen -n "__fish_sshgen_needs_command" -s E -l hash -d 'Fingerprint hash to show' -r -f -a "sha256\t''
md5\t''
sha512\t''"
complete -c sshgen -n "__fish_sshgen_needs_command" -s m -l format -d 'Private key file format: openssh, pem (RSA and ECDSA, no passphrase) or pkcs8' -r -f -a "openssh\t'`BEGIN OPENSSH PRIVATE KEY`'
pem\t'`BEGIN RSA PRIVATE KEY` or `BEGIN EC PRIVATE KEY` (not Ed25519)'
pkcs8\t'`BEGIN PRIVATE KEY`, or `BEGIN ENCRYPTED PRIVATE KEY` with a passphrase'
ppk\t'PuTTY\'s `.ppk` (version 3; `sshgen convert` also writes version 2)'"
complete -c sshgen -n "__fish_sshgen_needs_command" -l host -d 'Also add a Host alias for the key to ~/.ssh/config (see sshgen config add)' -r
complete -c sshgen -n "__fish_sshgen_needs_command" -l hostname -d 'With --host: the real host name the alias stands for' -r
complete -c sshgen -n "__fish_sshgen_needs_command" -l clipboard -d 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system\'s (Wayland, X11, macOS, Windows); native is the system\'s only; osc52 asks the terminal even outside SSH' -r -f -a "auto\t''
native\t''
osc52\t''"
complete -c sshgen -n "__fish_sshgen_needs_command" -s w -l sk-provider -d 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH\'s ssh-sk-helper with its USB support]' -r -F
complete -c sshgen -n "__fish_sshgen_needs_command" -l application -d 'Application the key is for; must begin with ssh: [default: ssh:]' -r -f
complete -c sshgen -n "__fish_sshgen_needs_command" -l sk-user -d 'With --resident: the user name stored with the key' -r -f
complete -c sshgen -n "__fish_sshgen_needs_command" -l device -d 'Which security key, when several are plugged in' -r -F
complete -c sshgen -n "__fish_sshgen_needs_command" -l challenge -d 'Enrolment challenge, from this file [default: random]' -r -F
complete -c sshgen -n "__fish_sshgen_needs_command" -l write-attestation -d 'Write the security key\'s attestation to FILE' -r -F
complete -c sshgen -n "__fish_sshgen_needs_command" -l no-passphrase -d 'Leave the private key unencrypted'
complete -c sshgen -n "__fish_sshgen_needs_command" -l force -d 'Replace existing key files without asking'
complete -c sshgen -n "__fish_sshgen_needs_command" -s q -l quiet -d 'Print nothing but errors'
complete -c sshgen -n "__fish_sshgen_needs_command" -l json -d 'Print one JSON object describing the new key on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_needs_command" -l copy -d 'Copy the public key to the clipboard [default: when stdout is a terminal]'
complete -c sshgen -n "__fish_sshgen_needs_command" -l no-copy -d 'Do not copy the public key to the clipboard'
complete -c sshgen -n "__fish_sshgen_needs_command" -l agent -d 'Also add the new key to the ssh-agent (see sshgen agent add)'
complete -c sshgen -n "__fish_sshgen_needs_command" -l resident -d 'Keep the key on the security key, so that `sshgen -K` can fetch it on another computer'
complete -c sshgen -n "__fish_sshgen_needs_command" -l verify-required -d 'Ask for the security key\'s PIN or fingerprint at each use'
complete -c sshgen -n "__fish_sshgen_needs_command" -l no-touch-required -d 'Sign without a touch (the server must allow it: no-touch-required)'
complete -c sshgen -n "__fish_sshgen_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sshgen -n "__fish_sshgen_needs_command" -s V -l version -d 'Print version'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "generate" -d 'Make a new key pair (the default command)'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "copy" -d 'Copy a public key to the clipboard, ready to paste into a service\'s "add SSH key" form'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "fingerprint" -d 'Show key fingerprints, as ssh-keygen -l [-v] [-E] [-B] does'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "public" -d 'Print the public key of a private key, as ssh-keygen -y does'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "list" -d 'List the key pairs in a folder (default ~/.ssh) and their problems'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "passphrase" -d 'Add, change or remove the passphrase of a private key (ssh-keygen -p)'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "comment" -d 'Change the comment of a key pair, in the private key and the .pub (ssh-keygen -c)'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "export" -d 'Print a public key as RFC4716, PKCS8 or PEM for other SSH software (ssh-keygen -e)'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "import" -d 'Turn an RFC4716, PKCS8 or PEM public key into an OpenSSH .pub line (ssh-keygen -i)'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "convert" -d 'Convert a private key between PuTTY (.ppk), OpenSSH, PEM and PKCS8'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "doctor" -d 'Say why ssh does not use a key: folder and key permissions, .pub files, config, agent, known_hosts; --fix repairs what is safe'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "access-key" -d 'An access key for a repository in one step: key, Host alias, host key, added through the host\'s API and proven by a clone; rotate, label, remove and list them'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "copy-id" -d 'Put a public key on a server, as ssh-copy-id does, from any platform'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "authorized-keys" -d 'The keys a server lets in: add with sshd\'s options (checked as sshd reads them), list, remove'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "config" -d 'Host aliases in ~/.ssh/config that use one key for one host'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "known-hosts" -d 'Find, remove, hash and add host keys in ~/.ssh/known_hosts (ssh-keygen -F, -R, -H)'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "test" -d 'Check that a key gets in: runs ssh -T and says what happened'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "sign" -d 'Sign files with an SSH key (FILE.sig), as ssh-keygen -Y sign does'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "verify" -d 'Check a file\'s SSH signature and who made it, as ssh-keygen -Y verify does'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "cert" -d 'Certify public keys with a CA key, and show certificates (ssh-keygen -s, -L)'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "git-signing" -d 'Set git up to sign commits and tags with an SSH key, and to verify them'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "agent" -d 'Add keys to the ssh-agent, list and remove them (ssh-add)'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "resident-keys" -d 'Download the keys kept on a security key into key files (ssh-keygen -K)'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "serve-clipboard" -d 'Serves a clipboard selection for X11 or Wayland until another program takes it; started by sshgen itself so the text outlives the command. `native` clears the macOS or Windows clipboard later instead'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s t -l type -d 'Key type; ssh-keygen\'s names work too, e.g. ssh-ed25519; ed25519-sk and ecdsa-sk are made on a security key (FIDO)' -r -f -a "ed25519\t''
rsa\t''
ecdsa\t''
ed25519-sk\t''
ecdsa-sk\t''"
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s b -l bits -d 'Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s f -l file -d 'Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s C -l comment -d 'Comment stored in the key, shown by services next to it [default: user@host]' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s N -l passphrase -d 'New passphrase (\'\' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l passphrase-file -d 'Read the new passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l passphrase-env -d 'Read the new passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s a -l rounds -d 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s E -l hash -d 'Fingerprint hash to show' -r -f -a "sha256\t''
md5\t''
sha512\t''"
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s m -l format -d 'Private key file format: openssh, pem (RSA and ECDSA, no passphrase) or pkcs8' -r -f -a "openssh\t'`BEGIN OPENSSH PRIVATE KEY`'
pem\t'`BEGIN RSA PRIVATE KEY` or `BEGIN EC PRIVATE KEY` (not Ed25519)'
pkcs8\t'`BEGIN PRIVATE KEY`, or `BEGIN ENCRYPTED PRIVATE KEY` with a passphrase'
ppk\t'PuTTY\'s `.ppk` (version 3; `sshgen convert` also writes version 2)'"
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l host -d 'Also add a Host alias for the key to ~/.ssh/config (see sshgen config add)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l hostname -d 'With --host: the real host name the alias stands for' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l clipboard -d 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system\'s (Wayland, X11, macOS, Windows); native is the system\'s only; osc52 asks the terminal even outside SSH' -r -f -a "auto\t''
native\t''
osc52\t''"
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s w -l sk-provider -d 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH\'s ssh-sk-helper with its USB support]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l application -d 'Application the key is for; must begin with ssh: [default: ssh:]' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l sk-user -d 'With --resident: the user name stored with the key' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l device -d 'Which security key, when several are plugged in' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l challenge -d 'Enrolment challenge, from this file [default: random]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l write-attestation -d 'Write the security key\'s attestation to FILE' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l no-passphrase -d 'Leave the private key unencrypted'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l force -d 'Replace existing key files without asking'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s q -l quiet -d 'Print nothing but errors'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l json -d 'Print one JSON object describing the new key on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l copy -d 'Copy the public key to the clipboard [default: when stdout is a terminal]'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l no-copy -d 'Do not copy the public key to the clipboard'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l agent -d 'Also add the new key to the ssh-agent (see sshgen agent add)'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l resident -d 'Keep the key on the security key, so that `sshgen -K` can fetch it on another computer'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l verify-required -d 'Ask for the security key\'s PIN or fingerprint at each use'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l no-touch-required -d 'Sign without a touch (the server must allow it: no-touch-required)'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy" -l clipboard -d 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system\'s (Wayland, X11, macOS, Windows); native is the system\'s only; osc52 asks the terminal even outside SSH' -r -f -a "auto\t''
native\t''
osc52\t''"
complete -c sshgen -n "__fish_sshgen_using_subcommand copy" -l format -d 'With --private: the form to copy (converted in memory) [default: the file\'s own text]' -r -f -a "openssh\t'`BEGIN OPENSSH PRIVATE KEY`'
pem\t'`BEGIN RSA PRIVATE KEY` or `BEGIN EC PRIVATE KEY` (not Ed25519)'
pkcs8\t'`BEGIN PRIVATE KEY`, or `BEGIN ENCRYPTED PRIVATE KEY` with a passphrase'
ppk\t'PuTTY\'s `.ppk` (version 3; `sshgen convert` also writes version 2)'"
complete -c sshgen -n "__fish_sshgen_using_subcommand copy" -l clear-after -d 'With --private: empty the clipboard after SECONDS if it still holds the key (0: never)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand copy" -s P -l passphrase -d 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand copy" -l passphrase-file -d 'Read the key\'s passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand copy" -l passphrase-env -d 'Read the key\'s passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand copy" -s q -l quiet -d 'Print nothing but errors'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy" -l json -d 'Print one JSON object (key, fingerprint, how it was copied) on stdout'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy" -l private -d 'Copy the private key\'s text instead, for a build service\'s secret field; never through the terminal (OSC 52) unless --clipboard osc52 [default key: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, id_ed25519_sk or id_ecdsa_sk]'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy" -l decrypt -d 'With --private: copy an encrypted key decrypted (asks its passphrase)'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy" -l base64 -d 'With --private: the text as one base64 line, for CI variables that keep no line breaks'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sshgen -n "__fish_sshgen_using_subcommand fingerprint" -s E -l hash -d 'Fingerprint hash to show' -r -f -a "sha256\t''
md5\t''
sha512\t''"
complete -c sshgen -n "__fish_sshgen_using_subcommand fingerprint" -s v -l randomart -d 'Also draw the randomart picture of each key (ssh-keygen -lv)'
complete -c sshgen -n "__fish_sshgen_using_subcommand fingerprint" -s B -l bubblebabble -d 'Show the SHA-1 bubblebabble digest instead of the fingerprint (ssh-keygen -B)'
complete -c sshgen -n "__fish_sshgen_using_subcommand fingerprint" -l json -d 'Print a JSON array with one object a key on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand fingerprint" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand public" -s P -l passphrase -d 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand public" -l passphrase-file -d 'Read the key\'s passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand public" -l passphrase-env -d 'Read the key\'s passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand public" -l write -d 'Also (re)write FILE.pub with the public key (mode 0644, replaced atomically)'
complete -c sshgen -n "__fish_sshgen_using_subcommand public" -l json -d 'Print one JSON object describing the key on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand public" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand list" -l json -d 'Print a JSON array with one object a key pair on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand list" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand passphrase" -s P -l old-passphrase -d 'Current passphrase of the key; visible to other users in the process list: prefer --old-passphrase-file or --old-passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand passphrase" -l old-passphrase-file -d 'Read the current passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand passphrase" -l old-passphrase-env -d 'Read the current passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand passphrase" -s N -l passphrase -d 'New passphrase (\'\' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand passphrase" -l passphrase-file -d 'Read the new passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand passphrase" -l passphrase-env -d 'Read the new passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand passphrase" -s a -l rounds -d 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand passphrase" -l no-passphrase -d 'Leave the private key unencrypted'
complete -c sshgen -n "__fish_sshgen_using_subcommand passphrase" -l json -d 'Print one JSON object describing the result on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand passphrase" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand comment" -s C -l comment -d 'The new comment (\'\' for none)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand comment" -s P -l passphrase -d 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand comment" -l passphrase-file -d 'Read the key\'s passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand comment" -l passphrase-env -d 'Read the key\'s passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand comment" -l json -d 'Print one JSON object describing the result on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand comment" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand export" -s m -l format -d 'Output format: rfc4716 (SSH2, any key type), pkcs8 (BEGIN PUBLIC KEY; RSA, ECDSA), pem (BEGIN RSA PUBLIC KEY for RSA; ECDSA as PKCS8, as ssh-keygen does)' -r -f -a "rfc4716\t'`---- BEGIN SSH2 PUBLIC KEY ----` (RFC 4716)'
pkcs8\t'`-----BEGIN PUBLIC KEY-----` (X.509 SubjectPublicKeyInfo)'
pem\t'`-----BEGIN RSA PUBLIC KEY-----` (PKCS#1)'"
complete -c sshgen -n "__fish_sshgen_using_subcommand export" -l json -d 'Print one JSON object with the converted text on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sshgen -n "__fish_sshgen_using_subcommand import" -s m -l format -d 'Input format [default: recognised from the file\'s BEGIN line]' -r -f -a "rfc4716\t'`---- BEGIN SSH2 PUBLIC KEY ----` (RFC 4716)'
pkcs8\t'`-----BEGIN PUBLIC KEY-----` (X.509 SubjectPublicKeyInfo)'
pem\t'`-----BEGIN RSA PUBLIC KEY-----` (PKCS#1)'"
complete -c sshgen -n "__fish_sshgen_using_subcommand import" -l json -d 'Print one JSON object with the public key line on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -l to -d 'Format to write' -r -f -a "openssh\t'`BEGIN OPENSSH PRIVATE KEY`'
pem\t'`BEGIN RSA PRIVATE KEY` or `BEGIN EC PRIVATE KEY` (not Ed25519)'
pkcs8\t'`BEGIN PRIVATE KEY`, or `BEGIN ENCRYPTED PRIVATE KEY` with a passphrase'
ppk\t'PuTTY\'s `.ppk` (version 3; `sshgen convert` also writes version 2)'"
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -s o -l out -d 'Where to write [default: KEY.ppk for ppk; else KEY without .ppk]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -s P -l old-passphrase -d 'Current passphrase of the key; visible to other users in the process list: prefer --old-passphrase-file or --old-passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -l old-passphrase-file -d 'Read the current passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -l old-passphrase-env -d 'Read the current passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -s N -l passphrase -d 'New passphrase (\'\' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -l passphrase-file -d 'Read the new passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -l passphrase-env -d 'Read the new passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -s a -l rounds -d 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -l ppk-version -d 'PuTTY format version: 3 (PuTTY 0.75 and later) or 2 (older tools)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -l argon2-memory -d 'Argon2 memory in KiB, for --ppk-version 3 with a passphrase' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -l argon2-passes -d 'Argon2 passes [default: as many as take 0.1 s, as PuTTYgen chooses]' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -l argon2-parallelism -d 'Argon2 lanes' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -l argon2-flavour -d 'Argon2 variant' -r -f -a "argon2id\t''
argon2i\t''
argon2d\t''"
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -l force -d 'Replace an existing file'
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -l no-passphrase -d 'Leave the private key unencrypted'
complete -c sshgen -n "__fish_sshgen_using_subcommand convert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sshgen -n "__fish_sshgen_using_subcommand doctor" -l fix -d 'Repair what is safe to repair without asking: permissions, missing .pub files'
complete -c sshgen -n "__fish_sshgen_using_subcommand doctor" -l json -d 'Print one JSON object with every check on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l hostname -d 'A self-hosted server instead of the service\'s own' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -s p -l port -d 'Its SSH port' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l user -d 'The SSH user [default: git]' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l host-key -d 'The self-hosted server\'s host key, \'TYPE BASE64\' (check it with its owner)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l alias -d 'The Host alias [default: SERVICE-OWNER__REPO]' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -s t -l type -d 'Key type [default: ed25519; rsa for Azure DevOps]' -r -f -a "ed25519\t''
rsa\t''
ecdsa\t''
ed25519-sk\t''
ecdsa-sk\t''"
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -s b -l bits -d 'Key size in bits (RSA: 3072 or more for Azure DevOps)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -s f -l file -d 'Private key file [default: ~/.ssh/SERVICE-OWNER__REPO]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -s C -l comment -d 'Comment, and the label to give the key on the service [default: KIND REPO on MACHINE]' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -s N -l passphrase -d 'New passphrase (\'\' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l passphrase-file -d 'Read the new passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l passphrase-env -d 'Read the new passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -s a -l rounds -d 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l clipboard -d 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system\'s (Wayland, X11, macOS, Windows); native is the system\'s only; osc52 asks the terminal even outside SSH' -r -f -a "auto\t''
native\t''
osc52\t''"
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l label -d 'The label on the host [default: the comment]' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l ci -d 'Give the private key to the builds of this repository (OWNER/REPO): Pipelines\' key pair, an Actions secret, a GitLab file variable' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l secret-name -d 'The secret\'s or variable\'s name [default: OWNER_REPO_DEPLOY_KEY]' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l command -d 'With --install, the forced command instead of git-shell' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l api-url -d 'The API\'s base, when not the service\'s own (https://HOST/api/v3 for GitHub Enterprise)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l token-env -d 'Read the API token from this variable' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l token-file -d 'Read the API token from this file (- for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l no-passphrase -d 'Leave the private key unencrypted'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l force -d 'Make a new key and alias even if an earlier run made them'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l copy -d 'Copy the public key to the clipboard [default: when stdout is a terminal]'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l no-copy -d 'Do not copy the public key to the clipboard'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l write -d 'Let the key push too (GitHub, GitLab, Gitea; Bitbucket\'s are read-only)'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l no-upload -d 'Prepare only: do not add the key through the API even with a token'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l no-verify -d 'Do not prove the key with git ls-remote after adding it'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l install -d 'A plain git server (ssh USER@HOST:PATH): put the key in its authorized_keys over ssh, restricted to git-shell'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -l json -d 'Print one JSON object with everything made, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -a "add" -d 'Make the key and alias, add the key through the API, prove it clones (the default)'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -a "rotate" -d 'A new key, added and proven by a clone before the old one is deleted'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -a "label" -d 'Change the key\'s label on the host (Bitbucket, GitLab)'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -a "remove" -d 'Delete the key on the host, and its alias and files here'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -a "list" -d 'The access keys made here; --remote adds each host\'s view'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and not __fish_seen_subcommand_from add rotate label remove list help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l hostname -d 'A self-hosted server instead of the service\'s own' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -s p -l port -d 'Its SSH port' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l user -d 'The SSH user [default: git]' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l host-key -d 'The self-hosted server\'s host key, \'TYPE BASE64\' (check it with its owner)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l alias -d 'The Host alias [default: SERVICE-OWNER__REPO]' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -s t -l type -d 'Key type [default: ed25519; rsa for Azure DevOps]' -r -f -a "ed25519\t''
rsa\t''
ecdsa\t''
ed25519-sk\t''
ecdsa-sk\t''"
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -s b -l bits -d 'Key size in bits (RSA: 3072 or more for Azure DevOps)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -s f -l file -d 'Private key file [default: ~/.ssh/SERVICE-OWNER__REPO]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -s C -l comment -d 'Comment, and the label to give the key on the service [default: KIND REPO on MACHINE]' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -s N -l passphrase -d 'New passphrase (\'\' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the new passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l passphrase-env -d 'Read the new passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -s a -l rounds -d 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l clipboard -d 'Which clipboard to use: auto is OSC 52 in an SSH session with a terminal, else the system\'s (Wayland, X11, macOS, Windows); native is the system\'s only; osc52 asks the terminal even outside SSH' -r -f -a "auto\t''
native\t''
osc52\t''"
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l label -d 'The label on the host [default: the comment]' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l ci -d 'Give the private key to the builds of this repository (OWNER/REPO): Pipelines\' key pair, an Actions secret, a GitLab file variable' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l secret-name -d 'The secret\'s or variable\'s name [default: OWNER_REPO_DEPLOY_KEY]' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l command -d 'With --install, the forced command instead of git-shell' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l api-url -d 'The API\'s base, when not the service\'s own (https://HOST/api/v3 for GitHub Enterprise)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l token-env -d 'Read the API token from this variable' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l token-file -d 'Read the API token from this file (- for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l no-passphrase -d 'Leave the private key unencrypted'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l force -d 'Make a new key and alias even if an earlier run made them'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l copy -d 'Copy the public key to the clipboard [default: when stdout is a terminal]'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l no-copy -d 'Do not copy the public key to the clipboard'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l write -d 'Let the key push too (GitHub, GitLab, Gitea; Bitbucket\'s are read-only)'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l no-upload -d 'Prepare only: do not add the key through the API even with a token'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l no-verify -d 'Do not prove the key with git ls-remote after adding it'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l install -d 'A plain git server (ssh USER@HOST:PATH): put the key in its authorized_keys over ssh, restricted to git-shell'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON object with everything made, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from rotate" -l api-url -d 'The API\'s base, when not the service\'s own (https://HOST/api/v3 for GitHub Enterprise)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from rotate" -l token-env -d 'Read the API token from this variable' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from rotate" -l token-file -d 'Read the API token from this file (- for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from rotate" -l keep-old -d 'Leave the old key on the host'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from rotate" -l json -d 'Print one JSON object with every step, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from label" -l api-url -d 'The API\'s base, when not the service\'s own (https://HOST/api/v3 for GitHub Enterprise)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from label" -l token-env -d 'Read the API token from this variable' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from label" -l token-file -d 'Read the API token from this file (- for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from label" -l json -d 'Print one JSON object, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from label" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from remove" -l api-url -d 'The API\'s base, when not the service\'s own (https://HOST/api/v3 for GitHub Enterprise)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from remove" -l token-env -d 'Read the API token from this variable' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from remove" -l token-file -d 'Read the API token from this file (- for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from remove" -l keep-key -d 'Keep the key files'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON object, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from list" -l api-url -d 'The API\'s base, when not the service\'s own (https://HOST/api/v3 for GitHub Enterprise)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from list" -l token-env -d 'Read the API token from this variable' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from list" -l token-file -d 'Read the API token from this file (- for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from list" -l remote -d 'Ask each host which of the keys it has, and what else it has'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON array, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from help" -f -a "add" -d 'Make the key and alias, add the key through the API, prove it clones (the default)'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'A new key, added and proven by a clone before the old one is deleted'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from help" -f -a "label" -d 'Change the key\'s label on the host (Bitbucket, GitLab)'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Delete the key on the host, and its alias and files here'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from help" -f -a "list" -d 'The access keys made here; --remote adds each host\'s view'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -s i -d 'The key to install (its .pub, or the private key beside it)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -s p -l port -d 'The server\'s SSH port' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -s o -d 'An option for ssh, as ssh -o takes it (repeatable)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l from -d 'from="PATTERNS": only from these addresses or host names (commas; !, *, CIDR)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l command -d 'command="CMD": run this, whatever the client asks' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l expiry-time -d 'expiry-time="YYYYMMDD[HHMM[SS]][Z]": refused after then' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l principals -d 'principals="NAMES": with --cert-authority, the names a certificate must hold' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l permit-open -d 'permitopen="HOST:PORT": the only -L forwarding allowed (repeatable)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l permit-listen -d 'permitlisten="[HOST:]PORT": the only -R forwarding allowed (repeatable)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l environment -d 'environment="NAME=VALUE" (sshd honours it with PermitUserEnvironment; repeatable)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -s n -l dry-run -d 'Say what would be added; change nothing'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -s f -l force -d 'Install even when the key already gets in'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l restrict -d 'restrict: no forwarding, no pty, no ~/.ssh/rc (flags after it turn one back on)'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l cert-authority -d 'cert-authority: the key signs user certificates'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l no-pty -d 'no-pty'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l no-port-forwarding -d 'no-port-forwarding'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l no-agent-forwarding -d 'no-agent-forwarding'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l no-x11-forwarding -d 'no-X11-forwarding'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l no-user-rc -d 'no-user-rc'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l pty -d 'pty (after --restrict)'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l port-forwarding -d 'port-forwarding (after --restrict)'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -l agent-forwarding -d 'agent-forwarding (after --restrict)'
complete -c sshgen -n "__fish_sshgen_using_subcommand copy-id" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Add a key (default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub) with options'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List the keys: bits, fingerprint, comment, type, and options'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Remove the lines of a key, named by fingerprint, key file or comment'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l from -d 'from="PATTERNS": only from these addresses or host names (commas; !, *, CIDR)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l command -d 'command="CMD": run this, whatever the client asks' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l expiry-time -d 'expiry-time="YYYYMMDD[HHMM[SS]][Z]": refused after then' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l principals -d 'principals="NAMES": with --cert-authority, the names a certificate must hold' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l permit-open -d 'permitopen="HOST:PORT": the only -L forwarding allowed (repeatable)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l permit-listen -d 'permitlisten="[HOST:]PORT": the only -R forwarding allowed (repeatable)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l environment -d 'environment="NAME=VALUE" (sshd honours it with PermitUserEnvironment; repeatable)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l file -d 'The file [default: ~/.ssh/authorized_keys]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l restrict -d 'restrict: no forwarding, no pty, no ~/.ssh/rc (flags after it turn one back on)'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l cert-authority -d 'cert-authority: the key signs user certificates'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l no-pty -d 'no-pty'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l no-port-forwarding -d 'no-port-forwarding'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l no-agent-forwarding -d 'no-agent-forwarding'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l no-x11-forwarding -d 'no-X11-forwarding'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l no-user-rc -d 'no-user-rc'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l pty -d 'pty (after --restrict)'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l port-forwarding -d 'port-forwarding (after --restrict)'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l agent-forwarding -d 'agent-forwarding (after --restrict)'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON object, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from list" -l file -d 'The file [default: ~/.ssh/authorized_keys]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from list" -l json -d 'Print a JSON array, one object a key'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from remove" -l file -d 'The file [default: ~/.ssh/authorized_keys]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON object, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a key (default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub) with options'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the keys: bits, fingerprint, comment, type, and options'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove the lines of a key, named by fingerprint, key file or comment'
complete -c sshgen -n "__fish_sshgen_using_subcommand authorized-keys; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Add a Host alias: HostName, User, Port, IdentityFile, IdentitiesOnly yes'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List the Host blocks and the key each uses'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Remove a Host block, keeping every other line'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from add" -l hostname -d 'The real host name' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from add" -l user -d 'The SSH user (git for code hosts)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from add" -s p -l port -d 'The SSH port' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from add" -s i -l identity -d 'The private key the alias uses, alone' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from add" -s F -l file -d 'The config file [default: ~/.ssh/config]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from add" -l force -d 'Replace an alias of that name'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from list" -s F -l file -d 'The config file [default: ~/.ssh/config]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from list" -l json -d 'Print a JSON array with one object a Host block'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from remove" -s F -l file -d 'The config file [default: ~/.ssh/config]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a Host alias: HostName, User, Port, IdentityFile, IdentitiesOnly yes'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the Host blocks and the key each uses'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a Host block, keeping every other line'
complete -c sshgen -n "__fish_sshgen_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and not __fish_seen_subcommand_from find remove hash add help" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and not __fish_seen_subcommand_from find remove hash add help" -f -a "find" -d 'Print a host\'s lines, as ssh-keygen -F does'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and not __fish_seen_subcommand_from find remove hash add help" -f -a "remove" -d 'Remove a host\'s lines, as ssh-keygen -R does (the old file kept as FILE.old)'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and not __fish_seen_subcommand_from find remove hash add help" -f -a "hash" -d 'Hash every host name, as ssh-keygen -H does'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and not __fish_seen_subcommand_from find remove hash add help" -f -a "add" -d 'Record a host\'s key: bitbucket, github, gitlab or azure-devops by name (their published keys), or HOST --key \'TYPE BASE64\''
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and not __fish_seen_subcommand_from find remove hash add help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from find" -s p -l port -d 'The host\'s SSH port (entries for other ports read [HOST]:PORT)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from find" -s f -l file -d 'The known_hosts file [default: ~/.ssh/known_hosts]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from find" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from remove" -s p -l port -d 'The host\'s SSH port (entries for other ports read [HOST]:PORT)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from remove" -s f -l file -d 'The known_hosts file [default: ~/.ssh/known_hosts]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from hash" -s f -l file -d 'The known_hosts file [default: ~/.ssh/known_hosts]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from hash" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from add" -l key -d 'The host\'s key, \'TYPE BASE64\', checked with its owner' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from add" -l fingerprint -d 'With --scan: the fingerprint the server\'s owner publishes (SHA256:...); the keys are recorded only if one of them has it' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from add" -s p -l port -d 'The host\'s SSH port (entries for other ports read [HOST]:PORT)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from add" -s f -l file -d 'The known_hosts file [default: ~/.ssh/known_hosts]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from add" -l cert-authority -d 'Record --key as a certificate authority trusted to sign the keys of the hosts HOST matches (an @cert-authority line)'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from add" -l all-hosts -d 'With --cert-authority, let HOST be a pattern that matches every host (such as *)'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from add" -l scan -d 'Fetch the server\'s host keys (ssh-keyscan), show their fingerprints and record them once confirmed at the terminal or by --fingerprint'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from help" -f -a "find" -d 'Print a host\'s lines, as ssh-keygen -F does'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a host\'s lines, as ssh-keygen -R does (the old file kept as FILE.old)'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from help" -f -a "hash" -d 'Hash every host name, as ssh-keygen -H does'
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from help" -f -a "add" -d 'Record a host\'s key: bitbucket, github, gitlab or azure-devops by name (their published keys), or HOST --key \'TYPE BASE64\''
complete -c sshgen -n "__fish_sshgen_using_subcommand known-hosts; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand test" -s i -l identity -d 'The key to offer first, without the agent\'s keys; the test fails if another key gets in' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand test" -s p -l port -d 'The SSH port' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand test" -l as-git -d 'Run ssh as git runs it, with the account\'s ~/.ssh even when sshgen\'s home folder is another, so that success means a clone will work'
complete -c sshgen -n "__fish_sshgen_using_subcommand test" -l json -d 'Print one JSON object with the result, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand test" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand sign" -s f -l key -d 'The private key [default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, id_ed25519_sk or id_ecdsa_sk]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand sign" -s n -l namespace -d 'What the signature is for; a verifier asks for the same' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand sign" -s P -l passphrase -d 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand sign" -l passphrase-file -d 'Read the key\'s passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand sign" -l passphrase-env -d 'Read the key\'s passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand sign" -l force -d 'Replace a FILE.sig that exists (without it, sshgen asks in a terminal and refuses elsewhere)'
complete -c sshgen -n "__fish_sshgen_using_subcommand sign" -s q -l quiet -d 'Print nothing but errors'
complete -c sshgen -n "__fish_sshgen_using_subcommand sign" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand verify" -l signer -d 'Who must have signed it, as the allowed signers file names them' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand verify" -s s -l signature -d 'The signature [default: FILE.sig]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand verify" -l allowed-signers -d 'Who may sign with which key [default: ~/.ssh/allowed_signers]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand verify" -s n -l namespace -d 'The namespace the signature must be for' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand verify" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and not __fish_seen_subcommand_from sign show help" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and not __fish_seen_subcommand_from sign show help" -f -a "sign" -d 'Certify public keys: KEY-cert.pub beside each, as ssh-keygen -s does'
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and not __fish_seen_subcommand_from sign show help" -f -a "show" -d 'Print what a certificate says, as ssh-keygen -L does'
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and not __fish_seen_subcommand_from sign show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -l ca -d 'The CA\'s private key (or its .pub, with --agent or the private key beside it)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -l id -d 'The certificate\'s key ID, which servers log' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -s n -l principal -d 'A user (or with --host, a host name) the certificate is for; repeat for more' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -l valid -d 'When it is valid, as ssh-keygen -V takes it: +52w, -1d:+30d, 20260101:20270101, always' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -l serial -d 'The serial number, for revoking it later' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -s O -l option -d 'A certificate option, as ssh-keygen -O takes it (no-pty, force-command=CMD, source-address=LIST, clear and the others)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -s P -l passphrase -d 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -l passphrase-file -d 'Read the key\'s passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -l passphrase-env -d 'Read the key\'s passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -l any-principal -d 'A certificate without principals, valid for every user or host (OpenSSH 10 refuses these)'
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -l host -d 'A host certificate instead of a user certificate'
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -l agent -d 'Sign with the CA key the ssh-agent holds'
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -s q -l quiet -d 'Print nothing but errors'
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Certify public keys: KEY-cert.pub beside each, as ssh-keygen -s does'
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print what a certificate says, as ssh-keygen -L does'
complete -c sshgen -n "__fish_sshgen_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand git-signing" -s f -l key -d 'The signing key\'s .pub, or its private key with the .pub beside [default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub, id_ed25519_sk.pub or id_ecdsa_sk.pub]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand git-signing" -l email -d 'Your name in allowed_signers [default: git\'s user.email]' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand git-signing" -l namespaces -d 'What allowed_signers lets this key sign for, comma-separated (file too, for sshgen sign and verify)' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand git-signing" -l global -d 'Set git\'s global settings (every repository) instead of this repository\'s'
complete -c sshgen -n "__fish_sshgen_using_subcommand git-signing" -l program -d 'Also make git run this sshgen to sign and verify (gpg.ssh.program)'
complete -c sshgen -n "__fish_sshgen_using_subcommand git-signing" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Add private keys to the agent, as ssh-add KEY... does'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List the agent\'s keys, as ssh-add -l (or -L) prints them'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Remove keys from the agent, as ssh-add -d KEY... or -D does'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from add" -s t -l lifetime -d 'Forget the keys after this long: seconds, or e.g. 90s, 30m, 1h30m, 2d' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from add" -s S -l sk-provider -d 'For security keys: the provider library the agent signs through (ssh-add -S) [default: $SSH_SK_PROVIDER, else the agent\'s own USB support]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from add" -s P -l passphrase -d 'Passphrase of the key, when it is encrypted; visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the key\'s passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from add" -l passphrase-env -d 'Read the key\'s passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from add" -s c -l confirm -d 'Have the agent ask before each use of the keys (ssh-add -c)'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but errors'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from list" -s E -l hash -d 'Fingerprint hash to show' -r -f -a "sha256\t''
md5\t''
sha512\t''"
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from list" -s L -l public -d 'Print the public key lines instead of fingerprints (ssh-add -L)'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from list" -l json -d 'Print a JSON array with one object a key on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from remove" -l all -d 'Remove every key the agent holds (ssh-add -D)'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing but errors'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add private keys to the agent, as ssh-add KEY... does'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the agent\'s keys, as ssh-add -l (or -L) prints them'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove keys from the agent, as ssh-add -d KEY... or -D does'
complete -c sshgen -n "__fish_sshgen_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand resident-keys" -l dir -d 'Folder to write the key files in [default: ~/.ssh]' -r -f -a "(__fish_complete_directories)"
complete -c sshgen -n "__fish_sshgen_using_subcommand resident-keys" -s w -l sk-provider -d 'Provider library for the security key, as ssh-keygen -w [default: $SSH_SK_PROVIDER, else OpenSSH\'s ssh-sk-helper with its USB support]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand resident-keys" -l device -d 'Which security key, when several are plugged in' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand resident-keys" -s N -l passphrase -d 'New passphrase (\'\' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand resident-keys" -l passphrase-file -d 'Read the new passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand resident-keys" -l passphrase-env -d 'Read the new passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand resident-keys" -s a -l rounds -d 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand resident-keys" -l no-passphrase -d 'Leave the private key unencrypted'
complete -c sshgen -n "__fish_sshgen_using_subcommand resident-keys" -l force -d 'Replace existing key files without asking'
complete -c sshgen -n "__fish_sshgen_using_subcommand resident-keys" -s q -l quiet -d 'Print nothing but errors'
complete -c sshgen -n "__fish_sshgen_using_subcommand resident-keys" -l json -d 'Print a JSON array with one object a key written on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand resident-keys" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand completions" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand serve-clipboard" -l clear-after -d 'Stop serving (clear) after this many seconds' -r
complete -c sshgen -n "__fish_sshgen_using_subcommand serve-clipboard" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "generate" -d 'Make a new key pair (the default command)'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "copy" -d 'Copy a public key to the clipboard, ready to paste into a service\'s "add SSH key" form'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "fingerprint" -d 'Show key fingerprints, as ssh-keygen -l [-v] [-E] [-B] does'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "public" -d 'Print the public key of a private key, as ssh-keygen -y does'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "list" -d 'List the key pairs in a folder (default ~/.ssh) and their problems'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "passphrase" -d 'Add, change or remove the passphrase of a private key (ssh-keygen -p)'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "comment" -d 'Change the comment of a key pair, in the private key and the .pub (ssh-keygen -c)'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "export" -d 'Print a public key as RFC4716, PKCS8 or PEM for other SSH software (ssh-keygen -e)'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "import" -d 'Turn an RFC4716, PKCS8 or PEM public key into an OpenSSH .pub line (ssh-keygen -i)'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "convert" -d 'Convert a private key between PuTTY (.ppk), OpenSSH, PEM and PKCS8'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "doctor" -d 'Say why ssh does not use a key: folder and key permissions, .pub files, config, agent, known_hosts; --fix repairs what is safe'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "access-key" -d 'An access key for a repository in one step: key, Host alias, host key, added through the host\'s API and proven by a clone; rotate, label, remove and list them'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "copy-id" -d 'Put a public key on a server, as ssh-copy-id does, from any platform'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "authorized-keys" -d 'The keys a server lets in: add with sshd\'s options (checked as sshd reads them), list, remove'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "config" -d 'Host aliases in ~/.ssh/config that use one key for one host'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "known-hosts" -d 'Find, remove, hash and add host keys in ~/.ssh/known_hosts (ssh-keygen -F, -R, -H)'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "test" -d 'Check that a key gets in: runs ssh -T and says what happened'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "sign" -d 'Sign files with an SSH key (FILE.sig), as ssh-keygen -Y sign does'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "verify" -d 'Check a file\'s SSH signature and who made it, as ssh-keygen -Y verify does'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "cert" -d 'Certify public keys with a CA key, and show certificates (ssh-keygen -s, -L)'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "git-signing" -d 'Set git up to sign commits and tags with an SSH key, and to verify them'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "agent" -d 'Add keys to the ssh-agent, list and remove them (ssh-add)'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "resident-keys" -d 'Download the keys kept on a security key into key files (ssh-keygen -K)'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "completions" -d 'Print a shell completion script'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "serve-clipboard" -d 'Serves a clipboard selection for X11 or Wayland until another program takes it; started by sshgen itself so the text outlives the command. `native` clears the macOS or Windows clipboard later instead'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate copy fingerprint public list passphrase comment export import convert doctor access-key copy-id authorized-keys config known-hosts test sign verify cert git-signing agent resident-keys completions serve-clipboard help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand access-key" -a "bitbucket\t''
github\t''
gitlab\t''
gitea\t''
azure-devops\t''
ssh\t'a plain git server: REPO is USER@HOST:PATH'"
complete -c sshgen -n "__fish_sshgen_using_subcommand completions" -f -a "bash\t''
elvish\t''
fish\t''
powershell\t''
zsh\t''"
