# bash completion for mssdoc(1)
_mssdoc() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  }
  local commands="read toc search show timeline chart cite who query ingest export check fetch revisions diff help"
  local kinds="bureaus ministers heads sections incidents references infobox people"
  local formats="text markdown html man json xml csv bibtex ris csl svg"
  case $prev in
    -f | --format) COMPREPLY=($(compgen -W "$formats" -- "$cur")); return ;;
    --color | --colour) COMPREPLY=($(compgen -W "always never auto" -- "$cur")); return ;;
    -d | --data | -o | --output) COMPREPLY=($(compgen -f -W "builtin" -- "$cur")); return ;;
    --width | --from | --to | --grep | --api | --timeout) return ;;
    --kind) COMPREPLY=($(compgen -W "heads bureaus infobox sections paragraphs timeline incidents references" -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "-d --data -f --format --color --width --no-pager --help --version --no-refs --from --to --grep -o --api --timeout --stat --kind" -- "$cur"))
    return
  fi
  local i cmd=
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      -d | --data | -f | --format | --color | --width | -o | --from | --to | --grep | --api | --timeout | --kind) ((i++)) ;;
      -*) ;;
      *) cmd=${words[i]}; break ;;
    esac
  done
  case $cmd in
    "") COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
    show) COMPREPLY=($(compgen -W "$kinds" -- "$cur")) ;;
    chart) COMPREPLY=($(compgen -W "heads timeline incidents references" -- "$cur")) ;;
    help) COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
    read) COMPREPLY=($(compgen -W "$(mssdoc --no-pager query '//section/@id' 2>/dev/null)" -- "$cur")) ;;
    ingest | diff) COMPREPLY=($(compgen -f -W "builtin" -- "$cur")) ;;
  esac
}
complete -F _mssdoc mssdoc
